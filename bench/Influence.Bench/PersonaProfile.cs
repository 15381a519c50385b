using System.Globalization;
using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Bench;

/// <summary>What the model measured per planted persona (quartiles of the figures roles are decided by), for <c>validate --profile</c>.</summary>
public static class PersonaProfile
{
    public static void Print(SyntheticWorld world, InfluenceAnalysisResult result, TextWriter output)
    {
        output.WriteLine($"  {"persona",-22} {"n",6} | {"followers p10/50/90",22} | {"followed-back p50",17} | {"two-way share p50",17} | {"in-comm p50",11} | {"comm rank p50",13} | labelled");
        foreach (var (name, select) in Groups(world))
        {
            var members = Enumerable.Range(0, world.AccountCount).Where(select).ToArray();
            if (members.Length == 0) continue;
            AccountMetrics[] m = members.Select(v => result.Accounts[v]).ToArray();
            string labels = string.Join(", ", m.GroupBy(x => x.Role).OrderByDescending(g => g.Count()).Select(g => $"{RoleNames.Name(g.Key)} {g.Count()}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-22} {members.Length,6} | {Q(m, x => x.Followers, 0.1),6:0}/{Q(m, x => x.Followers, 0.5),6:0}/{Q(m, x => x.Followers, 0.9),8:0} | {Q(m, x => x.FollowedBackRate, 0.5),17:0.000} | {Q(m, x => x.ReciprocatedEngagementShare, 0.5),17:0.000} | {Q(m, x => x.InCommunityEngagementShare, 0.5),11:0.00} | {Q(m, x => x.CommunityRank, 0.5),13:0} | {labels}"));
        }
        var truth = world.TrueDefenders.ToHashSet();
        var found = result.Defenders.Select(l => (l.Defender, l.Target)).ToHashSet();
        foreach (Persona p in new[] { Persona.Celebrity, Persona.MacroInfluencer, Persona.MicroInfluencer })
        {
            int t = truth.Count(x => world.Personas[x.Target] == p), hit = truth.Count(x => world.Personas[x.Target] == p && found.Contains(x));
            int extra = found.Count(x => world.Personas[x.Target] == p && !truth.Contains(x));
            output.WriteLine($"  defenders of {p}: truth {t}, found {hit}, found but not truth {extra}");
        }
        int other = found.Count(x => world.Personas[x.Target] is not (Persona.Celebrity or Persona.MacroInfluencer or Persona.MicroInfluencer));
        output.WriteLine($"  defenders found of other accounts (never truth): {other}");
        foreach (var (key, value) in result.Thresholds.Values.OrderBy(kv => kv.Key))
            if (key.Contains("followers", StringComparison.Ordinal) || key.Contains("celebrity", StringComparison.Ordinal) || key.Contains("macro", StringComparison.Ordinal))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    threshold {key} = {value:0.###}"));
    }

    private static IEnumerable<(string, Func<int, bool>)> Groups(SyntheticWorld w)
    {
        bool Noise(int v) => (w.Traits[v] & (AccountTraits.Bot | AccountTraits.BoughtFollower)) != 0;
        yield return ("celebrity", v => w.Personas[v] == Persona.Celebrity && (w.Traits[v] & AccountTraits.EngagedBroadcaster) == 0);
        yield return ("  engaged broadcaster", v => (w.Traits[v] & AccountTraits.EngagedBroadcaster) != 0);
        yield return ("macro-influencer", v => w.Personas[v] == Persona.MacroInfluencer);
        yield return ("micro-influencer", v => w.Personas[v] == Persona.MicroInfluencer);
        yield return ("amplifier", v => w.Personas[v] == Persona.Amplifier);
        yield return ("regular", v => w.Personas[v] == Persona.Regular && !Noise(v));
        yield return ("lurker", v => w.Personas[v] == Persona.Lurker);
        yield return ("bot", v => (w.Traits[v] & AccountTraits.Bot) != 0);
        yield return ("bought follower", v => (w.Traits[v] & AccountTraits.BoughtFollower) != 0);
        yield return ("has bought followers", v => (w.Traits[v] & AccountTraits.BoughtFollowersTarget) != 0);
    }

    private static double Q(AccountMetrics[] m, Func<AccountMetrics, double> f, double q)
    {
        var values = m.Select(f).Order().ToArray();
        return values[(int)Math.Min(values.Length - 1, Math.Floor(q * values.Length))];
    }
}
