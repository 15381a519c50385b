using Influence.Core.Model;

namespace Influence.Storage;

/// <summary>
/// Checks that an <see cref="InfluenceAnalysisResult"/> is internally consistent before a store writes
/// it: array lengths agree, links and top lists refer to existing dense ids. A store never persists a
/// result it could not rebuild.
/// </summary>
public static class RunResultShape
{
    /// <exception cref="ArgumentException">The result is inconsistent; the message says which part and why.</exception>
    public static void Validate(InfluenceAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int n = result.Accounts?.Length ?? throw Bad("Accounts is null");
        if (result.AccountIds is null) throw Bad("AccountIds is null");
        if (result.AccountIds.Count != n)
            throw Bad($"AccountIds has {result.AccountIds.Count} ids but Accounts has {n} entries");
        long perKind = (long)n * InteractionKinds.Count;
        if (result.ReceivedByKind is null || result.ReceivedByKind.Length != perKind)
            throw Bad($"ReceivedByKind must hold {perKind} values (accounts × {InteractionKinds.Count} kinds), has {result.ReceivedByKind?.Length}");
        if (result.GivenByKind is null || result.GivenByKind.Length != perKind)
            throw Bad($"GivenByKind must hold {perKind} values (accounts × {InteractionKinds.Count} kinds), has {result.GivenByKind?.Length}");
        if (result.Thresholds?.Values is null) throw Bad("Thresholds is null");
        if (result.Summary is null) throw Bad("Summary is null");
        if (result.Communities is null) throw Bad("Communities is null");
        for (int i = 0; i < n; i++)
        {
            if (string.IsNullOrWhiteSpace(result.AccountIds[i])) throw Bad($"AccountIds[{i}] is empty");
        }
        CheckLinks(result.Defenders, nameof(result.Defenders), n);
        CheckLinks(result.Critics, nameof(result.Critics), n);
        for (int i = 0; i < result.Communities.Length; i++)
        {
            var community = result.Communities[i] ?? throw Bad($"Communities[{i}] is null");
            foreach (int node in community.TopAccounts ?? [])
            {
                if ((uint)node >= (uint)n) throw Bad($"Communities[{i}].TopAccounts refers to node {node}, outside 0..{n - 1}");
            }
        }
    }

    private static void CheckLinks(DefenderLink[]? links, string name, int n)
    {
        if (links is null) throw Bad($"{name} is null");
        for (int i = 0; i < links.Length; i++)
        {
            if ((uint)links[i].Target >= (uint)n || (uint)links[i].Defender >= (uint)n)
                throw Bad($"{name}[{i}] links {links[i].Defender} → {links[i].Target}, outside nodes 0..{n - 1}");
        }
    }

    private static ArgumentException Bad(string reason) => new($"Invalid analysis result: {reason}.", "result");
}
