using System.Globalization;
using Influence.Core.Model;

namespace Influence.Cli;

/// <summary>The human-readable results summary <c>analyze</c> prints on stdout.</summary>
public static class SummaryPrinter
{
    public static void Print(TextWriter output, InfluenceAnalysisResult result, IReadOnlyList<string> files,
        (long Count, string Path)? rejects, string source, TimeSpan? writeTime = null)
    {
        AnalysisSummary s = result.Summary;
        CultureInfo inv = CultureInfo.InvariantCulture;
        output.WriteLine($"Input: {source}");
        output.WriteLine(string.Create(inv,
            $"Accounts: {s.Nodes:N0}; follows: {s.FollowEdges:N0} ({s.FollowSelfLoopsDropped:N0} self-loops dropped, {s.FollowParallelEdgesCollapsed:N0} duplicates collapsed); interactions: {s.Interactions:N0} on {s.InteractionEdges:N0} ties"));
        output.WriteLine(string.Create(inv, $"Global follow reciprocity: {s.GlobalReciprocity:0.####}"));
        output.WriteLine(string.Create(inv,
            $"Communities: {s.Communities:N0} ({s.CommunityAlgorithm}, modularity {s.Modularity:0.####}); components: {s.Components:N0}, largest {s.LargestComponent:N0}"));
        output.WriteLine(Continuity(s));
        output.WriteLine(string.Create(inv,
            $"PageRank: {s.PageRankIterations} iterations ({(s.PageRankConverged ? "converged" : "NOT converged")}); influence PageRank: {s.InfluenceIterations} iterations"));
        output.WriteLine(string.Create(inv,
            $"Popularity vs influence: Spearman(followers, influence) = {s.FollowersInfluenceSpearman:0.###}; top-100 overlap {s.Top100Overlap:0.##}"));
        output.WriteLine("Roles: " + Counts(s.RoleCounts));
        output.WriteLine("Stages: " + Counts(s.StageCounts));
        output.WriteLine(string.Create(inv, $"Defender links: {s.DefenderLinks:N0}; critic links: {s.CriticLinks:N0}; seed {s.Seed}"));
        if (s.TimingsMs.Count > 0)
            output.WriteLine("Timings (ms): " + string.Join(", ", s.TimingsMs.Select(t => string.Create(inv, $"{t.Key} {t.Value:0.#}"))));
        if (rejects is { } r)
            output.WriteLine(string.Create(inv, $"Rejected rows: {r.Count:N0} (written to {r.Path})"));
        output.WriteLine("Wrote: " + string.Join(", ", files)
            + (writeTime is { } w ? string.Create(inv, $" in {w.TotalMilliseconds:0} ms") : ""));
    }

    /// <summary>How the run continued the previous one: warm start, accounts that changed community id, ids kept.</summary>
    internal static string Continuity(AnalysisSummary s)
    {
        if (s.AccountsCarried is not { } carried || s.AccountsChangedCommunity is not { } changed)
            return "Previous run: none (community ids are this run's own, largest first)";
        double kept = carried == 0 ? 1 : 1 - (double)changed / carried;
        return string.Create(CultureInfo.InvariantCulture,
            $"Previous run: {(s.WarmStart ? "warm start (PageRank and Leiden from its results)" : "cold start")}; {changed:N0} of {carried:N0} carried accounts changed community ({kept:0.00 %} kept their id); " +
            $"{s.CommunitiesMatched:N0} communities kept their id, {s.CommunitiesNew:N0} new");
    }

    private static string Counts(Dictionary<string, int> counts) =>
        counts.Count == 0 ? "-" : string.Join(", ", counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:N0}")));
}
