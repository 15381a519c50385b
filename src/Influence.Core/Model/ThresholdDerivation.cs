using static Influence.Core.Model.ThresholdCatalog;

namespace Influence.Core.Model;

/// <summary>Turns the threshold inputs (defaults or overrides) and the graph's distributions into <see cref="RoleThresholds"/>.</summary>
internal static class ThresholdDerivation
{
    public static RoleThresholds Derive(AccountMetrics[] accounts, int[] community, int[] communitySizes,
        IReadOnlyDictionary<string, double> overrides)
    {
        int n = accounts.Length;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (ThresholdDefinition d in All)
            if (d.Kind != ThresholdKind.Derived)
                values[d.Name] = overrides.TryGetValue(d.Name, out double o) ? o : d.Default;

        var scratch = new double[n];
        double Pct(Func<int, double> metric, double percentile)
        {
            int count = 0;
            for (int v = 0; v < n; v++)
            {
                double x = metric(v);
                if (x > 0) scratch[count++] = x;
            }
            return RankStatistics.Percentile(scratch.AsSpan(0, count), percentile);
        }

        // A derived threshold fixed by an override is stored as given, and its percentile input is
        // stored as NaN so explanations say "(fixed)" instead of naming a percentile that was not used.
        void Derived(string name, string? percentileName, Func<double> compute)
        {
            if (overrides.TryGetValue(name, out double fixedValue))
            {
                values[name] = fixedValue;
                if (percentileName is not null) values[percentileName] = double.NaN;
            }
            else values[name] = compute();
        }

        Derived(LargeAudienceFollowers, LargeAudiencePercentile, () =>
            Math.Max(values[LargeAudienceMinFollowers], Pct(v => accounts[v].Followers, values[LargeAudiencePercentile])));
        Derived(MidAudienceFollowers, MidAudiencePercentile, () =>
            Math.Max(values[MidAudienceMinFollowers], Pct(v => accounts[v].Followers, values[MidAudiencePercentile])));
        Derived(AmplifierMinGiven, AmplifierGivenPercentile, () =>
            Math.Max(values[AmplifierMinGivenFloor], Pct(v => accounts[v].EngagementGiven, values[AmplifierGivenPercentile])));
        Derived(RelayMinGiven, RelayGivenPercentile, () =>
            Math.Max(values[RelayMinGivenFloor], Pct(v => accounts[v].EngagementGiven, values[RelayGivenPercentile])));
        Derived(ProducerMinReceived, ProducerReceivedPercentile, () =>
            Math.Max(values[ProducerMinReceivedFloor], Pct(v => accounts[v].EngagementReceived, values[ProducerReceivedPercentile])));
        Derived(PowerMinMutual, PowerMutualPercentile, () =>
            Math.Max(values[PowerMinMutualFloor], Pct(v => accounts[v].Mutual, values[PowerMutualPercentile])));
        double meanInfluence = n > 0 ? 1.0 / n : 0;
        Derived(MicroMinInfluence, MicroMinInfluenceFactor, () => values[MicroMinInfluenceFactor] * meanInfluence);
        Derived(PowerMinInfluence, PowerMinInfluenceFactor, () => values[PowerMinInfluenceFactor] * meanInfluence);
        Derived(MicroMaxCommunityRank, null, () =>
            Math.Max(3, Math.Ceiling(values[MicroMaxCommunityRankShare] * RankStatistics.MedianAccountCommunitySize(communitySizes))));
        return new RoleThresholds(values);
    }
}
