using Influence.Core.Model;

namespace Influence.Core.Campaigns;

/// <summary>One pick of a plan with the figures that chose it.</summary>
/// <param name="Rank">1 = picked first.</param>
/// <param name="MarginalGain">What this pick added to the plan's value (distinct engaged people for reach, expected accounts for spread).</param>
/// <param name="CumulativeValue">The plan's value with the picks up to this one.</param>
/// <param name="Audience">The pick's engaged audience inside the scope.</param>
/// <param name="OverlapWithEarlier">Of <paramref name="Audience"/>, how many the earlier picks' engaged audiences already hold.</param>
/// <param name="Included">Picked because the request included it, not by the greedy choice.</param>
/// <param name="Reasons">Why it was picked, in words with the figures.</param>
public sealed record CampaignPick(int Rank, int Node, string Account, double MarginalGain, double CumulativeValue,
    int Audience, int OverlapWithEarlier, AccountRole Role, int Followers, double Influence, int Community, bool Included,
    IReadOnlyList<string> Reasons);

/// <summary>A ranked list (top-k by one figure under the plan's constraints) valued by the plan's objective.</summary>
/// <param name="RankedBy">"followers" or "influence".</param>
/// <param name="Nodes">The list, best first.</param>
/// <param name="Curve">Value of the first 1, 2, … accounts of the list.</param>
public sealed record RankedListValue(string RankedBy, int[] Nodes, double Value, double[] Curve);

/// <summary>How the spread objective was sampled (IMM, Tang, Shi and Xiao 2015).</summary>
/// <param name="Samples">Reverse-reachable sets drawn.</param>
/// <param name="RequiredSamples">Sets IMM's bound asked for (above <paramref name="Samples"/> only when <paramref name="Capped"/>).</param>
/// <param name="LowerBound">IMM's lower bound on the best spread, used to size the sample.</param>
/// <param name="Capped">True when the sample cap stopped it short of the bound: the (1 − 1/e − ε) guarantee does not hold.</param>
public sealed record SpreadSampling(long Samples, long RequiredSamples, double Epsilon, double Ell, double LowerBound, bool Capped, int Seed);

/// <summary>A campaign plan: the picks in order, the value of the two ranked lists beside it, the coverage curve.</summary>
/// <param name="ScopeSize">People the plan tries to reach (scope members).</param>
/// <param name="Candidates">Accounts that could be picked once the constraints were applied.</param>
/// <param name="Value">The plan's value: distinct engaged scope members reached (reach) or expected scope members reached (spread).</param>
/// <param name="Curve">Value after 1, 2, … picks (the picks' cumulative values).</param>
/// <param name="StoppedEarly">Why the plan has fewer than k picks (no candidate adds anything, budgets spent), or null.</param>
public sealed record CampaignPlan(CampaignObjective Objective, CampaignScope Scope, int ScopeSize, int Candidates, int K,
    double MinInteractions, CampaignPick[] Picks, double Value, double[] Curve,
    RankedListValue ByFollowers, RankedListValue ByInfluence, SpreadSampling? Sampling, string? StoppedEarly, TimeSpan Elapsed)
{
    /// <summary>Plan value over the top-k-by-followers value (NaN when that list reaches nobody).</summary>
    public double LiftOverFollowers => ByFollowers.Value > 0 ? Value / ByFollowers.Value : double.NaN;

    /// <summary>Plan value over the top-k-by-influence value (NaN when that list reaches nobody).</summary>
    public double LiftOverInfluence => ByInfluence.Value > 0 ? Value / ByInfluence.Value : double.NaN;
}
