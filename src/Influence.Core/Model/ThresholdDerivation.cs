using static Influence.Core.Model.ThresholdCatalog;

namespace Influence.Core.Model;

/// <summary>Turns the threshold inputs (defaults or overrides) and the graph's distributions into <see cref="RoleThresholds"/>.</summary>
internal static class ThresholdDerivation
{
    public static RoleThresholds Derive(AccountMetrics[] accounts, IReadOnlyDictionary<string, double> overrides, bool engagementObserved,
        bool suspectedFakesExcluded = false)
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

        // The smallest positive value whose percentile rank — (accounts below + half of those equal) / N — reaches
        // the percentile: mid-rank ties, so the top account of six is in the top 10 % and a crowd of equal values
        // is neither all in nor all out. double.MaxValue (JSON-safe) when no value qualifies: nobody is in the top.
        double RankCut(Func<int, double> metric, double percentile)
        {
            for (int v = 0; v < n; v++) scratch[v] = metric(v);
            Span<double> sorted = scratch.AsSpan(0, n);
            sorted.Sort();
            for (int i = 0; i < n;)
            {
                int j = i + 1;
                while (j < n && sorted[j] == sorted[i]) j++;
                if (sorted[i] > 0 && (i + 0.5 * (j - i)) / n * 100 >= percentile) return sorted[i];
                i = j;
            }
            return double.MaxValue;
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
        Derived(AmplifierMinGiven, AmplifierGivenPercentile, () =>
            Math.Max(values[AmplifierMinGivenFloor], Pct(v => accounts[v].EngagementGiven, values[AmplifierGivenPercentile])));
        Derived(RelayMinGiven, RelayGivenPercentile, () =>
            Math.Max(values[RelayMinGivenFloor], Pct(v => accounts[v].EngagementGiven, values[RelayGivenPercentile])));
        Derived(ProducerMinReceived, ProducerReceivedPercentile, () =>
            Math.Max(values[ProducerMinReceivedFloor], Pct(v => accounts[v].EngagementReceived, values[ProducerReceivedPercentile])));
        Derived(PowerMinMutual, PowerMutualPercentile, () =>
            Math.Max(values[PowerMinMutualFloor], Pct(v => accounts[v].Mutual, values[PowerMutualPercentile])));
        // Popularity and influence quadrants: percentile ranks over all accounts (a silent account is part of the
        // population an analyst compares with).
        Derived(EngagementObserved, null, () => engagementObserved ? 1 : 0);
        Derived(SuspectedFakesExcluded, null, () => suspectedFakesExcluded ? 1 : 0);
        Derived(PopularMinFollowers, PopularPercentile, () => RankCut(v => accounts[v].Followers, values[PopularPercentile]));
        Derived(InfluentialMinInfluence, InfluentialPercentile, () => RankCut(v => accounts[v].Influence, values[InfluentialPercentile]));
        return new RoleThresholds(values);
    }
}
