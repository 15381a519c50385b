using System.Reflection;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>
/// Fills the metric fields <typeparamref name="TDto"/> declares from <see cref="AccountMetricSchema"/>: a property
/// named like a metric's <see cref="AccountMetric.CamelName"/> gets that metric (reals finite, counts as integers,
/// named values as their names). The DTOs stay typed for OpenAPI; the mapping is derived, so an API field for
/// a new metric marked <see cref="AccountMetric.InApi"/> is the property alone (MetricSchemaApiTests checks both sides).
/// </summary>
/// <typeparam name="TDto">Only the properties this type declares itself are filled (a derived DTO fills its own).</typeparam>
public static class MetricFields<TDto> where TDto : class
{
    private delegate void Setter(TDto dto, in AccountMetrics metrics);

    private static readonly Setter[] s_setters = Build();

    public static TDto Fill(TDto dto, in AccountMetrics metrics)
    {
        foreach (Setter set in s_setters) set(dto, in metrics);
        return dto;
    }

    private static Setter[] Build()
    {
        var setters = new List<Setter>();
        foreach (PropertyInfo property in typeof(TDto).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            AccountMetric? metric = AccountMetricSchema.All.FirstOrDefault(m => m.InApi && string.Equals(m.CamelName, property.Name, StringComparison.OrdinalIgnoreCase));
            if (metric is null || property.SetMethod is not { } setMethod) continue;
            setters.Add(SetterFor(metric, property.PropertyType, setMethod));
        }
        return [.. setters];
    }

    private static Setter SetterFor(AccountMetric metric, Type type, MethodInfo setMethod)
    {
        MetricGetter get = metric.Get;
        if (type == typeof(double))
        {
            var set = setMethod.CreateDelegate<Action<TDto, double>>();
            return (TDto dto, in AccountMetrics m) => set(dto, AccountViews.Finite(get(in m)));
        }
        if (type == typeof(double?))
        {
            // Undefined figures (NaN) are null where the field says so (e.g. audience quality without followers).
            var set = setMethod.CreateDelegate<Action<TDto, double?>>();
            return (TDto dto, in AccountMetrics m) => set(dto, AccountViews.FiniteOrNull(get(in m)));
        }
        if (type == typeof(int) && metric.Kind == MetricKind.Integer)
        {
            var set = setMethod.CreateDelegate<Action<TDto, int>>();
            return (TDto dto, in AccountMetrics m) => set(dto, (int)get(in m));
        }
        if (type == typeof(string) && metric.Kind == MetricKind.Named)
        {
            var set = setMethod.CreateDelegate<Action<TDto, string>>();
            return (TDto dto, in AccountMetrics m) => set(dto, metric.NameOf(get(in m)));
        }
        throw new InvalidOperationException(
            $"{typeof(TDto).Name}.{setMethod.Name[4..]} is a {type.Name}, which cannot hold the {metric.Kind} metric '{metric.Name}'.");
    }
}
