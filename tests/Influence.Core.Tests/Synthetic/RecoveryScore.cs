using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Core.Tests.Synthetic;

/// <summary>How well an analysis recovers a synthetic world's planted truth.</summary>
internal sealed record RecoveryScore(Dictionary<AccountRole, (double Precision, double Recall, double F1, int Truth, int Found)> Roles,
    double DefenderPrecision, double DefenderRecall, int TrueDefenders, int FoundDefenders,
    double CriticPrecision, double CriticRecall)
{
    public static RecoveryScore Of(SyntheticWorld world, InfluenceAnalysisResult result)
    {
        var roles = new Dictionary<AccountRole, (double, double, double, int, int)>();
        foreach (AccountRole role in Enum.GetValues<AccountRole>())
        {
            int tp = 0, truth = 0, found = 0;
            for (int v = 0; v < world.AccountCount; v++)
            {
                bool t = world.TrueRole(v) == role, f = result.Accounts[v].Role == role;
                if (t) truth++;
                if (f) found++;
                if (t && f) tp++;
            }
            double p = found == 0 ? (truth == 0 ? 1 : 0) : tp / (double)found;
            double r = truth == 0 ? 1 : tp / (double)truth;
            roles[role] = (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), truth, found);
        }
        var (dp, dr) = PrecisionRecall(world.TrueDefenders.Select(x => (x.Defender, x.Target)), result.Defenders);
        var (cp, cr) = PrecisionRecall(world.TrueCritics.Select(x => (x.Critic, x.Target)), result.Critics);
        return new RecoveryScore(roles, dp, dr, world.TrueDefenders.Length, result.Defenders.Length, cp, cr);
    }

    private static (double, double) PrecisionRecall(IEnumerable<(int, int)> truth, DefenderLink[] found)
    {
        var t = truth.ToHashSet();
        var f = found.Select(l => (l.Defender, l.Target)).ToHashSet();
        int tp = f.Count(t.Contains);
        return (f.Count == 0 ? (t.Count == 0 ? 1 : 0) : tp / (double)f.Count, t.Count == 0 ? 1 : tp / (double)t.Count);
    }

    public override string ToString() =>
        string.Join("; ", Roles.Select(kv => $"{RoleNames.Name(kv.Key)} P={kv.Value.Precision:0.000} R={kv.Value.Recall:0.000} F1={kv.Value.F1:0.000} truth={kv.Value.Truth} found={kv.Value.Found}"))
        + $"; defenders P={DefenderPrecision:0.000} R={DefenderRecall:0.000} truth={TrueDefenders} found={FoundDefenders}; critics P={CriticPrecision:0.000} R={CriticRecall:0.000}";
}
