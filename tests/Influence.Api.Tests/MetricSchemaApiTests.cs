using System.Reflection;
using System.Text.Json;
using Influence.Api.Contracts;
using Influence.Core.Model;

namespace Influence.Api.Tests;

/// <summary>
/// The API's account shapes are typed (OpenAPI documents each field), so they cannot be generated from
/// <see cref="AccountMetricSchema"/>; this test keeps them in step with it instead.
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
            $"Metrics marked InApi but not in AccountProfileDto: {string.Join(", ", missing)} (add the field and map it in AccountViews, or set InApi = false).");
        Assert.True(extra.Length == 0,
            $"AccountProfileDto fields without an InApi metric of AccountMetricSchema: {string.Join(", ", extra)}.");
    }
}
