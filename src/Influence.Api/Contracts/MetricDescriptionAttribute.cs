using Influence.Core.Model;

namespace Influence.Api.Contracts;

/// <summary>The description (OpenAPI, JSON schema) of a field that serves a metric: the metric's own line in <see cref="AccountMetricSchema"/>.</summary>
/// <param name="metric">The metric's snake_case <see cref="AccountMetric.Name"/>.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MetricDescriptionAttribute(string metric) : DescriptionAttribute(metric)
{
    public override string Description => AccountMetricSchema.Get(DescriptionValue).Description;
}
