using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Influence.Core.Audience;
using Influence.Core.Model;
using Spectre.Console;

namespace Influence.Cli.Commands;

/// <summary><c>influence audience &lt;account&gt;</c>: audience quality of one account with its growth, spikes, cohorts and reasons.</summary>
public static class AudienceCommand
{
    public static Command Build(CliContext context) => AccountCommand.Build(context, "audience",
        "Show an account's audience quality (0-100) and why: mass and inactive followers, growth spikes from 'since' with their\n" +
        "cohorts (inactive, new, mass-following, lockstep), engagement for its size, influence received vs outreach given.\n" +
        "Example: influence audience u42 --follows follows.csv --interactions interactions.csv",
        ["table", "json"], (query, cancellationToken) =>
        {
            AnalysisSnapshot snapshot = query.Snapshot;
            int node = snapshot.Result.NodeOf(query.Id, snapshot.Input);
            if (node < 0) throw new CliInputException($"unknown account '{query.Id}' (not in {snapshot.Description}).");
            InfluenceInput input = snapshot.RequireGraph("audience");
            AudienceConfig config = query.Source.Analysis.Config(query.Parse).Audience;
            AccountMetrics[] accounts = snapshot.Result.Accounts;
            int tier = EngagementTiers.TierOf(EngagementTiers.TierOfDecade(accounts), accounts[node].Followers);
            AudienceContext audience = AudienceContext.Build(input, config, cancellationToken);
            AudienceReport report = AudienceReports.Build(audience, node, accounts[node], tier, input.Interactions.Count > 0);
            CommunityAxes[] axes = KredAxes.ByCommunity(audience.Interactions, accounts, node);
            if (query.Format == "json") WriteJson(context.Output, report, axes, snapshot.Result.AccountIds);
            else WriteTable(context.Output, query.Id, report, axes, snapshot);
            return ExitCodes.Ok;
        });

    /// <summary>Kred's two axes per community (the largest <see cref="KredAxes.Listed"/>), with each one's share of the account's total.</summary>
    private static void WriteAxes(TextWriter o, CommunityAxes[] axes, int own)
    {
        if (axes.Length == 0) return;
        CultureInfo inv = CultureInfo.InvariantCulture;
        var (received, given) = KredAxes.Totals(axes);
        o.WriteLine(string.Create(inv, $"Influence received vs outreach given by community ({axes.Length} communities{(axes.Length > KredAxes.Listed ? $", the largest {KredAxes.Listed}" : "")}):"));
        var table = new Table { Border = TableBorder.Ascii };
        foreach (string column in new[] { "community", "received", "share", "given", "share" }) table.AddColumn(column);
        foreach (CommunityAxes a in axes.Take(KredAxes.Listed))
            table.AddRow(a.Community.ToString(inv) + (a.Community == own ? " (own)" : ""), a.Received.ToString("0.0", inv),
                (received > 0 ? a.Received / received : 0).ToString("0.00", inv), a.Given.ToString("0.0", inv), (given > 0 ? a.Given / given : 0).ToString("0.00", inv));
        QueryOutput.WriteTable(o, table);
    }

    private static string Date(int day) => DateTime.UnixEpoch.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void WriteJson(TextWriter o, AudienceReport r, CommunityAxes[] axes, IReadOnlyList<string> ids)
    {
        var shape = new
        {
            account = ids[r.Account], followers = r.Followers, audienceQuality = double.IsNaN(r.Score) ? (double?)null : r.Score,
            hasFollowTimes = r.HasFollowTimes, massFollowingThreshold = r.MassFollowingThreshold,
            components = new { r.Components.Reachable, r.Components.Active, r.Components.AuthenticGrowth, r.Components.EngagementForSize },
            weights = r.Weights,
            growth = r.Growth.Select(g => new { date = Date(g.Day), followers = g.Count }),
            spikes = r.Spikes.Select((s, i) => new
            {
                from = Date(s.FirstDay), to = Date(s.LastDay), s.NewFollowers, s.PeakZ, s.InactiveShare, s.MassFollowingShare, s.NewAccountShare,
                s.EngagedShare, s.FolloweeJaccard, s.LockstepTimeShare, s.CommonFollowees, s.SuspectedFakes, s.Suspicious,
                cohortSample = r.CohortSamples[i].Select(v => ids[v]),
            }),
            influenceReceived = r.EngagementReceived, influenceReceivedInCommunityShare = r.InCommunityEngagementShare,
            outreachGiven = r.EngagementGiven, outreachGivenInCommunityShare = r.InCommunityOutreachShare,
            communitiesEngaged = axes.Length,
            byCommunity = axes.Take(KredAxes.Listed).Select(a => new { community = a.Community, influenceReceived = a.Received, outreachGiven = a.Given }),
            r.SuspectedFakeFollowers, r.Reasons,
        };
        o.WriteLine(JsonSerializer.Serialize(shape, QueryOutput.Json));
    }

    private static void WriteTable(TextWriter o, string id, AudienceReport r, CommunityAxes[] axes, AnalysisSnapshot snapshot)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"Audience of {id} ({snapshot.Description}): quality {(double.IsNaN(r.Score) ? "-" : r.Score.ToString("0", inv))} / 100, {r.Followers:N0} followers"));
        foreach (string reason in r.Reasons) o.WriteLine("  " + reason);
        WriteAxes(o, axes, snapshot.Result.Accounts[r.Account].Community);
        if (r.Spikes.Count == 0) return;
        var table = new Table { Title = new TableTitle("Growth spikes"), Border = TableBorder.Ascii };
        foreach (string column in new[] { "from", "to", "new", "z", "inactive", "new acc.", "mass", "engaged", "jaccard", "copycatch", "fakes", "suspicious" })
            table.AddColumn(column);
        foreach (GrowthSpike s in r.Spikes)
            table.AddRow(Date(s.FirstDay), Date(s.LastDay), s.NewFollowers.ToString("N0", inv), s.PeakZ.ToString("0.0", inv),
                s.InactiveShare.ToString("0.00", inv), s.NewAccountShare.ToString("0.00", inv), s.MassFollowingShare.ToString("0.00", inv),
                s.EngagedShare.ToString("0.00", inv), s.FolloweeJaccard.ToString("0.00", inv), s.LockstepTimeShare.ToString("0.00", inv),
                s.SuspectedFakes.ToString("N0", inv), s.Suspicious ? "yes" : "no");
        QueryOutput.WriteTable(o, table);
    }
}
