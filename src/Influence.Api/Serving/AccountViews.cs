using Influence.Api.Contracts;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>Turns the run's arrays into API shapes. Core types never leave the service as such.</summary>
public static class AccountViews
{

    private static readonly string[] s_roleNames = Names<AccountRole>(RoleNames.Name);
    private static readonly string[] s_stageNames = Names<PresenceStage>(RoleNames.Name);

    public static string RoleName(AccountRole role) => (uint)role < (uint)s_roleNames.Length ? s_roleNames[(int)role] : RoleNames.Name(role);

    public static string StageName(PresenceStage stage) => (uint)stage < (uint)s_stageNames.Length ? s_stageNames[(int)stage] : RoleNames.Name(stage);

    public static AccountSummaryDto Summary(AnalysisSnapshot snapshot, int account)
    {
        ref readonly AccountMetrics m = ref snapshot.Result.Accounts[account];
        return new AccountSummaryDto
        {
            Id = snapshot.Result.AccountIds[account],
            Followers = m.Followers,
            Following = m.Following,
            Mutual = m.Mutual,
            Pagerank = Finite(m.PageRank),
            Influence = Finite(m.Influence),
            EngagementRate = Finite(m.EngagementRate),
            Community = m.Community,
            CommunityRank = m.CommunityRank,
            Role = RoleName(m.Role),
            Stage = StageName(m.Stage),
            Defenders = m.Defenders,
        };
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
        return new AccountProfileDto(Summary(snapshot, account))
        {
            FollowBackRate = Finite(m.FollowBackRate),
            FollowedBackRate = Finite(m.FollowedBackRate),
            EngagementReceived = Finite(m.EngagementReceived),
            EngagementGiven = Finite(m.EngagementGiven),
            UniqueEngagers = m.UniqueEngagers,
            ActiveAudienceShare = Finite(m.ActiveAudienceShare),
            ReciprocatedEngagementShare = Finite(m.ReciprocatedEngagementShare),
            InCommunityEngagementShare = Finite(m.InCommunityEngagementShare),
            RoleMargin = Finite(m.RoleMargin),
            Attention = Finite(m.Attention),
            CommunityStandout = Finite(m.CommunityStandout),
            FollowersOutsideCommunityShare = Finite(m.FollowersOutsideCommunityShare),
            Critics = m.Critics,
            DefenderEngagementShare = Finite(m.DefenderEngagementShare),
            DefenderDensity = Finite(m.DefenderDensity),
            EngagementByKind = new EngagementByKindDto(Kinds(r.ReceivedByKind, account), Kinds(r.GivenByKind, account)),
            PopularityVsInfluence = PopularityVsInfluence(snapshot, account),
            Reasons = reasonDtos,
        };
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

    private static string[] Names<T>(Func<T, string> name) where T : struct, Enum
    {
        T[] values = Enum.GetValues<T>();
        int max = 0;
        foreach (T v in values) max = Math.Max(max, Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture));
        var names = new string[max + 1];
        foreach (T v in values) names[Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)] = name(v);
        return names;
    }
}
