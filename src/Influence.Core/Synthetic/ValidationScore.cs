using System.Globalization;
using Influence.Core.Model;

namespace Influence.Core.Synthetic;

/// <summary>Precision, recall and F1 of one role (or of pairs), with the counts behind them.</summary>
/// <param name="Truth">Accounts (pairs) that truly have it.</param>
/// <param name="Found">Accounts (pairs) the model gave it.</param>
/// <param name="Hits">Both.</param>
public readonly record struct Recovery(int Truth, int Found, int Hits)
{
    /// <summary>Hits / Found; 1 when nothing was found and nothing was to be found, 0 when nothing was found but something was.</summary>
    public double Precision => Found == 0 ? (Truth == 0 ? 1 : 0) : Hits / (double)Found;
    /// <summary>Hits / Truth; 1 when there was nothing to find.</summary>
    public double Recall => Truth == 0 ? 1 : Hits / (double)Truth;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"P={Precision:0.000} R={Recall:0.000} F1={F1:0.000} truth={Truth} found={Found}");
}

/// <summary>
/// How well one analysis recovers a synthetic world's truth (docs/validation.md): per role, defender and
/// critic pairs, critics wrongly listed as defenders, and the full role confusion matrix. Pure.
/// </summary>
public sealed record ValidationScore
{
    private static readonly AccountRole[] s_roles = Enum.GetValues<AccountRole>();

    public required IReadOnlyDictionary<AccountRole, Recovery> Roles { get; init; }
    public required Recovery Defenders { get; init; }
    public required Recovery Critics { get; init; }
    /// <summary>Planted critic pairs (C, X) that the model listed as defenders of X: must be 0.</summary>
    public required int CriticsListedAsDefenders { get; init; }
    /// <summary>Defender pairs the model found whose defender is a planted bot or bought follower.</summary>
    public required int NoiseListedAsDefenders { get; init; }
    /// <summary>[true role, found role] account counts, indexed by <see cref="AccountRole"/>.</summary>
    public required int[,] Confusion { get; init; }

    /// <summary>Scores <paramref name="result"/> (an analysis of <paramref name="world"/>) against the world's truth.</summary>
    public static ValidationScore Of(SyntheticWorld world, InfluenceAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Accounts.Length != world.AccountCount)
            throw new ArgumentException($"The result has {result.Accounts.Length} accounts but the world {world.AccountCount}: score an analysis of this world.", nameof(result));
        int r = s_roles.Length;
        var confusion = new int[r, r];
        for (int v = 0; v < world.AccountCount; v++) confusion[(int)world.TrueRole(v), (int)result.Accounts[v].Role]++;
        var roles = new Dictionary<AccountRole, Recovery>();
        foreach (AccountRole role in s_roles)
        {
            int truth = 0, found = 0, i = (int)role;
            for (int j = 0; j < r; j++) { truth += confusion[i, j]; found += confusion[j, i]; }
            roles[role] = new Recovery(truth, found, confusion[i, i]);
        }
        var trueCritics = world.TrueCritics.ToHashSet();
        int criticsAsDefenders = 0, noiseAsDefenders = 0;
        foreach (DefenderLink link in result.Defenders)
        {
            if (trueCritics.Contains((link.Defender, link.Target))) criticsAsDefenders++;
            if ((world.Traits[link.Defender] & (AccountTraits.Bot | AccountTraits.BoughtFollower)) != 0) noiseAsDefenders++;
        }
        return new ValidationScore
        {
            Roles = roles,
            Defenders = PairRecovery(world.TrueDefenders, result.Defenders),
            Critics = PairRecovery(world.TrueCritics, result.Critics),
            CriticsListedAsDefenders = criticsAsDefenders,
            NoiseListedAsDefenders = noiseAsDefenders,
            Confusion = confusion,
        };
    }

    private static Recovery PairRecovery((int, int)[] truth, DefenderLink[] found)
    {
        var t = new HashSet<(int, int)>(truth);
        var f = new HashSet<(int, int)>();
        int hits = 0;
        foreach (DefenderLink link in found)
            if (f.Add((link.Defender, link.Target)) && t.Contains((link.Defender, link.Target))) hits++;
        return new Recovery(t.Count, f.Count, hits);
    }

    /// <summary>
    /// Role agreement of two analyses of the same accounts (e.g. two community-detection seeds): the share of
    /// accounts given a non-regular role by either run that both runs gave the same role (1 when neither gave any).
    /// Regular accounts that both call regular are left out, or they would make any agreement look perfect.
    /// </summary>
    public static double RoleAgreement(InfluenceAnalysisResult a, InfluenceAnalysisResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Accounts.Length != b.Accounts.Length)
            throw new ArgumentException($"Role agreement needs two analyses of the same accounts ({a.Accounts.Length} vs {b.Accounts.Length}).", nameof(b));
        int considered = 0, same = 0;
        for (int v = 0; v < a.Accounts.Length; v++)
        {
            AccountRole x = a.Accounts[v].Role, y = b.Accounts[v].Role;
            if (x == AccountRole.Regular && y == AccountRole.Regular) continue;
            considered++;
            if (x == y) same++;
        }
        return considered == 0 ? 1 : same / (double)considered;
    }

    /// <summary>The confusion matrix as text: one row per true role, one column per found role.</summary>
    public string ConfusionTable()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{"true \\ found",-18}");
        foreach (AccountRole found in s_roles) sb.Append(CultureInfo.InvariantCulture, $"{RoleNames.Name(found),17}");
        sb.AppendLine();
        foreach (AccountRole truth in s_roles)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{RoleNames.Name(truth),-18}");
            foreach (AccountRole found in s_roles) sb.Append(CultureInfo.InvariantCulture, $"{Confusion[(int)truth, (int)found],17:N0}");
            sb.AppendLine();
        }
        return sb.ToString();
    }

    public override string ToString() =>
        string.Join("; ", Roles.Select(kv => $"{RoleNames.Name(kv.Key)} {kv.Value}"))
        + $"; defenders {Defenders}; critics {Critics}; critics listed as defenders {CriticsListedAsDefenders}; noise listed as defenders {NoiseListedAsDefenders}";
}
