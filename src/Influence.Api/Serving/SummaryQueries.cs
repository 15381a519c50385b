using Influence.Api.Contracts;
using Influence.Api.Options;
using Influence.Core.Model;
using Microsoft.Extensions.Options;

namespace Influence.Api.Serving;

/// <summary>The served run's summary and the popularity-vs-influence scatter.</summary>
public sealed class SummaryQueries(SnapshotHolder snapshots, IOptions<InfluenceOptions> options)
{
    /// <summary>Scatter points when the caller names no maximum.</summary>
    public const int DefaultScatterPoints = 5000;

    public QueryResult<SummaryDto> Summary()
    {
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;
        var run = new RunRefDto(snap.Run.Id, snap.Run.State, snap.Run.StartedAt, snap.Run.CompletedAt);
        return new SummaryDto(run, snap.Result.Summary, snap.Graph is not null);
    }

    public QueryResult<ScatterDto> Scatter(int? max)
    {
        int m = max ?? DefaultScatterPoints;
        var v = new Validation();
        v.Range("max", m, 10, options.Value.MaxScatterPoints);
        if (!v.IsValid) return QueryFailure.From(v);
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;
        return snap.Cache.GetOrAdd("scatter:" + m, () => Sample(snap, m));
    }

    /// <summary>
    /// Deterministic sample: the top max/10 accounts by followers and by influence, then accounts visited in
    /// a fixed permutation (i·p mod n with p coprime to n) until <paramref name="max"/> points.
    /// </summary>
    public static ScatterDto Sample(AnalysisSnapshot snap, int max)
    {
        int n = snap.Count;
        AccountMetrics[] accounts = snap.Result.Accounts;
        var chosen = new List<int>(Math.Min(n, max));
        if (n <= max)
        {
            for (int i = 0; i < n; i++) chosen.Add(i);
        }
        else
        {
            var taken = new bool[n];
            int top = Math.Max(1, max / 10);
            ReadOnlySpan<int> byFollowers = snap.DescendingOrder(AccountSort.Followers);
            ReadOnlySpan<int> byInfluence = snap.DescendingOrder(AccountSort.Influence);
            for (int i = 0; i < top; i++)
            {
                if (!taken[byFollowers[i]]) { taken[byFollowers[i]] = true; chosen.Add(byFollowers[i]); }
                if (!taken[byInfluence[i]]) { taken[byInfluence[i]] = true; chosen.Add(byInfluence[i]); }
            }
            long step = 1_000_003;
            while (System.Numerics.BigInteger.GreatestCommonDivisor(step, n) != 1) step++;
            for (long i = 0; i < n && chosen.Count < max; i++)
            {
                int a = (int)(i * step % n);
                if (!taken[a]) { taken[a] = true; chosen.Add(a); }
            }
        }
        var points = new ScatterPointDto[chosen.Count];
        for (int i = 0; i < points.Length; i++)
        {
            int a = chosen[i];
            points[i] = new ScatterPointDto(snap.Result.AccountIds[a], accounts[a].Followers, AccountViews.Finite(accounts[a].Influence),
                AccountViews.RoleName(accounts[a].Role), AccountViews.FiniteOrNull(accounts[a].AudienceQuality));
        }
        return new ScatterDto(n, points.Length, points);
    }
}
