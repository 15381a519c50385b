using System.Reflection;
using System.Text.Json;
using Influence.Api.Contracts;
using Influence.Api.Serving;
using Influence.Core.Model;

namespace Influence.Api.Tests;

/// <summary>
/// The API's account shapes are typed (OpenAPI documents each field), so their fields are declared, not generated
/// from <see cref="AccountMetricSchema"/>; their values (<see cref="MetricFields{TDto}"/>) and descriptions
/// (<see cref="MetricDescriptionAttribute"/>) are derived from it, and these tests keep both sides in step.
/// </summary>
public sealed class MetricSchemaApiTests
{
    /// <summary>Profile properties that are not per-account metrics of the schema.</summary>
    private static readonly HashSet<string> NotMetrics = ["id", "engagementByKind", "popularityVsInfluence", "reasons"];

    [Fact]
    public void The_account_profile_declares_exactly_the_schema_metrics_marked_InApi()
    {
        var fields = typeof(AccountProfileDto).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Where(name => !NotMetrics.Contains(name))
            .ToHashSet();
        var declared = AccountMetricSchema.All.Where(m => m.InApi).Select(m => m.CamelName).ToHashSet();
        var missing = declared.Except(fields).Order().ToArray();
        var extra = fields.Except(declared).Order().ToArray();
        Assert.True(missing.Length == 0,
            $"Metrics marked InApi but not in AccountProfileDto: {string.Join(", ", missing)} (add the field; MetricFields fills it).");
        Assert.True(extra.Length == 0,
            $"AccountProfileDto fields without an InApi metric of AccountMetricSchema: {string.Join(", ", extra)}.");
    }

    [Fact]
    public void Every_InApi_metric_reaches_its_profile_field_with_its_own_value()
    {
        // A distinct value per metric, so a field filled from the wrong metric shows.
        var metrics = new AccountMetrics();
        int next = 0;
        foreach (AccountMetric metric in AccountMetricSchema.All)
        {
            next++;
            metric.Set(ref metrics, metric.Kind switch
            {
                MetricKind.Named => next % metric.ValueNames.Count,
                MetricKind.Integer => next,
                _ => next + 0.25,
            });
        }
        var summary = MetricFields<AccountSummaryDto>.Fill(new AccountSummaryDto { Id = "@a", Role = "", Stage = "" }, in metrics);
        var profile = MetricFields<AccountProfileDto>.Fill(new AccountProfileDto(summary), in metrics);

        JsonElement json = JsonSerializer.SerializeToElement(profile, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        foreach (AccountMetric metric in AccountMetricSchema.All.Where(m => m.InApi))
        {
            JsonElement field = json.GetProperty(metric.CamelName);
            string served = field.ValueKind == JsonValueKind.String ? field.GetString()! : field.GetRawText();
            Assert.True(metric.Format(in metrics) == served, $"{metric.CamelName}: served {served}, the metric holds {metric.Format(in metrics)}.");
        }
    }
}
