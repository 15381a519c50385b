using Influence.Api.Contracts;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>Turns the run's arrays into API shapes. Core types never leave the service as such.</summary>
public static class AccountViews
{
    public static string RoleName(AccountRole role) => RoleNames.Name(role);

    public static string StageName(PresenceStage stage) => RoleNames.Name(stage);

    public static AccountSummaryDto Summary(AnalysisSnapshot snapshot, int account)
    {
        ref readonly AccountMetrics m = ref snapshot.Result.Accounts[account];
        // Role and stage are required members (the OpenAPI schema lists them so); the schema fills them again with every other metric.
        var summary = new AccountSummaryDto { Id = snapshot.Result.AccountIds[account], Role = RoleName(m.Role), Stage = StageName(m.Stage) };
        return MetricFields<AccountSummaryDto>.Fill(summary, in m);
    }

    public static AccountProfileDto Profile(AnalysisSnapshot snapshot, int account)
    {
        InfluenceAnalysisResult r = snapshot.Result;
        ref readonly AccountMetrics m = ref r.Accounts[account];
        IReadOnlyList<Reason> reasons = InfluenceAnalyzer.Explain(in m, r.Thresholds);
        var reasonDtos = new ReasonDto[reasons.Count];
        for (int i = 0; i < reasonDtos.Length; i++)
        {
            Reason x = reasons[i];
            reasonDtos[i] = new ReasonDto(x.Metric, Finite(x.Value), x.Comparison, Finite(x.Threshold), x.Text);
        }
        var profile = new AccountProfileDto(Summary(snapshot, account))
        {
            EngagementByKind = new EngagementByKindDto(Kinds(r.ReceivedByKind, account), Kinds(r.GivenByKind, account)),
            PopularityVsInfluence = PopularityVsInfluence(snapshot, account),
            Reasons = reasonDtos,
        };
        return MetricFields<AccountProfileDto>.Fill(profile, in m);
    }

    /// <summary>Ranks and percentiles beside the run's own quadrant verdict (decided by the model, with reasons).</summary>
    public static PopularityVsInfluenceDto PopularityVsInfluence(AnalysisSnapshot snapshot, int account) =>
        new(snapshot.FollowersRank(account), snapshot.InfluenceRank(account),
            Math.Round(snapshot.FollowersPercentile(account), 2), Math.Round(snapshot.InfluencePercentile(account), 2),
            RoleNames.Name(snapshot.Result.Accounts[account].Quadrant));

    private static EngagementKindsDto Kinds(double[] flat, int account)
    {
        int o = account * InteractionKinds.Count;
        if (flat.Length < o + InteractionKinds.Count) return new EngagementKindsDto(0, 0, 0, 0, 0, 0);
        return new EngagementKindsDto(
            flat[o + (int)InteractionKind.Reply], flat[o + (int)InteractionKind.Mention], flat[o + (int)InteractionKind.Share],
            flat[o + (int)InteractionKind.Quote], flat[o + (int)InteractionKind.Comment], flat[o + (int)InteractionKind.Like]);
    }

    /// <summary>JSON has no NaN/Infinity: undefined ratios are served as 0 (documented in docs/api.md).</summary>
    public static double Finite(double value) => double.IsFinite(value) ? value : 0;

    /// <summary>NaN (unknown) becomes null.</summary>
    public static double? FiniteOrNull(double value) => double.IsFinite(value) ? value : null;
}
