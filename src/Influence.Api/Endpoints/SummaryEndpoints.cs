using System.ComponentModel;
using Influence.Api.Contracts;
using Influence.Api.Options;
using Influence.Api.Security;
using Influence.Api.Serving;
using Influence.Core.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Influence.Api.Endpoints;

/// <summary>Run summary and the popularity-vs-influence scatter.</summary>
public static class SummaryEndpoints
{
    public static IEndpointRouteBuilder MapSummaryEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/v1")
            .WithTags("Summary")
            .RequireApiKey(AccessLevel.Read);

        group.MapGet("/summary", GetSummary)
            .WithName("GetSummary")
            .WithSummary("Summary of the latest completed run")
            .WithDescription("Counts, global reciprocity, communities, modularity, followers-vs-influence Spearman, top-100 overlap, role and stage counts, timings (keys as in summary.json). 404 before the first run.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/scatter", GetScatter)
            .WithName("GetScatter")
            .WithSummary("Followers vs influence for a deterministic sample of accounts")
            .WithDescription("Always keeps the top accounts by followers and by influence; the rest is a fixed pseudo-random sample. Example: /api/v1/scatter?max=5000")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static Results<Ok<SummaryDto>, ProblemHttpResult> GetSummary(SnapshotHolder snapshots)
    {
        AnalysisSnapshot? snap = snapshots.Current;
        if (snap is null) return Problems.NoRun();
        var run = new RunRefDto(snap.Run.Id, snap.Run.State, snap.Run.StartedAt, snap.Run.CompletedAt);
        return TypedResults.Ok(new SummaryDto(run, snap.Result.Summary, snap.Graph is not null));
    }

    public static Results<Ok<ScatterDto>, ValidationProblem, ProblemHttpResult> GetScatter(
        [Description("Most points to return (10..MaxScatterPoints, default 5000).")][DefaultValue(5000)] int? max,
        SnapshotHolder snapshots, IOptions<InfluenceOptions> options)
    {
        int m = max ?? 5000;
        var v = new Validation();
        v.Range("max", m, 10, options.Value.MaxScatterPoints);
        if (!v.IsValid) return Problems.Invalid(v.Errors);
        AnalysisSnapshot? snap = snapshots.Current;
        if (snap is null) return Problems.NoRun();
        return TypedResults.Ok(snap.Cache.GetOrAdd("scatter:" + m, () => Sample(snap, m)));
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
                AccountViews.RoleName(accounts[a].Role));
        }
        return new ScatterDto(n, points.Length, points);
    }
}
