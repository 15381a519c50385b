using System.Reflection;
using Influence.Core.Model;

namespace Influence.Core.Tests.Model;

/// <summary>The schema is the one description of the per-account metrics: it must cover <see cref="AccountMetrics"/> exactly.</summary>
public sealed class AccountMetricSchemaTests
{
    private static readonly FieldInfo[] Fields = typeof(AccountMetrics).GetFields(BindingFlags.Public | BindingFlags.Instance);

    [Fact]
    public void Every_field_of_AccountMetrics_has_exactly_one_descriptor_whose_setter_and_getter_touch_only_it()
    {
        var covered = new Dictionary<string, string>();
        foreach (AccountMetric metric in AccountMetricSchema.All)
        {
            var m = new AccountMetrics();
            double value = metric.Kind == MetricKind.Named ? metric.ValueNames.Count - 1 : 7;
            metric.Set(ref m, value);
            Assert.Equal(value, metric.Get(in m));
            object boxed = m, blank = new AccountMetrics();
            var changed = Fields.Where(f => !Equals(f.GetValue(boxed), f.GetValue(blank))).Select(f => f.Name).ToArray();
            Assert.True(changed.Length == 1, $"Metric '{metric.Name}' sets {changed.Length} fields ({string.Join(", ", changed)}); it must set exactly one.");
            Assert.True(covered.TryAdd(changed[0], metric.Name), $"Field {changed[0]} is described twice: '{covered.GetValueOrDefault(changed[0])}' and '{metric.Name}'.");
        }
        var missing = Fields.Select(f => f.Name).Where(f => !covered.ContainsKey(f)).ToArray();
        Assert.True(missing.Length == 0,
            $"AccountMetrics fields without a descriptor in AccountMetricSchema.All: {string.Join(", ", missing)}. Add one entry each (see docs/architecture.md, 'Adding a metric').");
    }

    [Fact]
    public void Names_properties_and_kinds_agree_with_the_field_types()
    {
        Assert.Equal(AccountMetricSchema.All.Count, AccountMetricSchema.All.Select(m => m.Name).Distinct().Count());
        Assert.Equal(AccountMetricSchema.All.Count, AccountMetricSchema.All.Select(m => m.Neo4jProperty).Distinct().Count());
        foreach (AccountMetric metric in AccountMetricSchema.All)
        {
            Assert.Matches("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", metric.Name);
            Assert.False(string.IsNullOrWhiteSpace(metric.Description), metric.Name);
            var m = new AccountMetrics();
            metric.Set(ref m, 1);
            object boxed = m, blank = new AccountMetrics();
            Type type = Fields.Single(f => !Equals(f.GetValue(boxed), f.GetValue(blank))).FieldType;
            MetricKind expected = type == typeof(double) ? MetricKind.Real
                : type.IsEnum ? MetricKind.Named
                : MetricKind.Integer;
            Assert.Equal(expected, metric.Kind);
            if (type.IsEnum)
            {
                Assert.Equal(Enum.GetValues(type).Length, metric.ValueNames.Count);
                Assert.Equal(metric.ValueNames.Count, metric.ValueNames.Distinct().Count());
                Assert.All(metric.ValueNames, n => Assert.False(string.IsNullOrEmpty(n)));
            }
        }
        Assert.Equal("followBackRate", AccountMetricSchema.Get("follow_back_rate").CamelName);
        Assert.Equal("componentId", AccountMetricSchema.Get("component").Neo4jProperty);
        Assert.Throws<KeyNotFoundException>(() => AccountMetricSchema.Get("no_such_metric"));
    }

    [Fact]
    public void Format_writes_integers_names_and_round_trip_reals_invariantly()
    {
        var m = new AccountMetrics { Followers = -3, PageRank = 0.1 + 0.2, EngagementRate = double.NaN, Role = AccountRole.MacroInfluencer, Stage = PresenceStage.Relay };
        Assert.Equal("-3", AccountMetricSchema.Get("followers").Format(in m));
        Assert.Equal("0.30000000000000004", AccountMetricSchema.Get("pagerank").Format(in m));
        Assert.Equal("NaN", AccountMetricSchema.Get("engagement_rate").Format(in m));
        Assert.Equal("macro-influencer", AccountMetricSchema.Get("role").Format(in m));
        Assert.Equal("relay", AccountMetricSchema.Get("stage").Format(in m));
        Assert.True(AccountMetricSchema.Get("stage").TryParseName("power-networker", out double stage));
        Assert.Equal((double)PresenceStage.PowerNetworker, stage);
        Assert.False(AccountMetricSchema.Get("role").TryParseName("emperor", out _));
    }
}
