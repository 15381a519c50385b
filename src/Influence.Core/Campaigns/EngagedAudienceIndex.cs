using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.Campaigns;

/// <summary>
/// The engaged audience of every account: the distinct accounts that interacted with it at least
/// <see cref="MinInteractions"/> times (interaction weights summed; a weight is a count), self-interactions left out.
/// Held as CSR over dense ids: <see cref="Audience"/>(a) lists a's engagers ascending, and
/// <see cref="Interactions"/>(a) how many times each of them interacted with a.
/// </summary>
/// <remarks>
/// Built once per interaction log in O(m log d) (bucket by target, sort each bucket by source, merge repeats);
/// memory 12 bytes per kept (engager, account) pair + 4 per account. Kind weights are not applied: a like and a
/// reply each count once, because the question is who engaged, not how much the model values it.
/// </remarks>
public sealed class EngagedAudienceIndex
{
    private readonly CsrRows<double> _audiences;

    private EngagedAudienceIndex(int nodeCount, double minInteractions, CsrRows<double> audiences)
    {
        NodeCount = nodeCount;
        MinInteractions = minInteractions;
        _audiences = audiences;
    }

    /// <summary>Accounts indexed (dense ids 0..NodeCount-1).</summary>
    public int NodeCount { get; }

    /// <summary>Interactions an engager needs with an account to count in its audience.</summary>
    public double MinInteractions { get; }

    /// <summary>(engager, account) pairs kept.</summary>
    public int PairCount => _audiences.Count;

    /// <summary>Distinct engagers of <paramref name="account"/>, ascending.</summary>
    public ReadOnlySpan<int> Audience(int account) => _audiences.Row(account);

    /// <summary>Interactions (summed weights) of each engager in <see cref="Audience"/> with the account, aligned.</summary>
    public ReadOnlySpan<double> Interactions(int account) => _audiences.RowValues(account);

    /// <summary>Size of <paramref name="account"/>'s whole engaged audience.</summary>
    public int AudienceSize(int account) => _audiences.Length(account);

    /// <summary>Whole CSR (row = account, items = its engagers, values = their interactions), for kernels that walk every pair.</summary>
    internal CsrRows<double> Audiences => _audiences;

    /// <summary>Builds the index over accounts 0..<paramref name="nodeCount"/>-1 from a validated interaction log.</summary>
    /// <param name="minInteractions">Finite, ≥ 1 (default 1): a pair with fewer summed interactions is left out.</param>
    /// <exception cref="ArgumentException">Bad <paramref name="minInteractions"/>, or an interaction outside the accounts.</exception>
    public static EngagedAudienceIndex Build(InteractionLog log, int nodeCount, double minInteractions = 1)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        if (!(minInteractions >= 1) || double.IsInfinity(minInteractions))
            throw new ArgumentOutOfRangeException(nameof(minInteractions), minInteractions, "minInteractions must be a finite number ≥ 1.");
        ReadOnlySpan<int> src = log.Source, dst = log.Target;
        ReadOnlySpan<double> weight = log.Weight;
        var offsets = new int[nodeCount + 1];
        for (int i = 0; i < src.Length; i++)
        {
            int s = src[i], t = dst[i];
            if ((uint)s >= (uint)nodeCount || (uint)t >= (uint)nodeCount)
                throw new ArgumentException($"Interaction #{i}: node {((uint)s >= (uint)nodeCount ? s : t)} is outside the {nodeCount} accounts.", nameof(log));
            if (s != t) offsets[t + 1]++;
        }
        for (int v = 0; v < nodeCount; v++) offsets[v + 1] += offsets[v];
        var engagers = new int[offsets[nodeCount]];
        var counts = new double[offsets[nodeCount]];
        var next = offsets[..nodeCount];
        for (int i = 0; i < src.Length; i++)
        {
            int s = src[i], t = dst[i];
            if (s == t) continue;
            int p = next[t]++;
            engagers[p] = s;
            counts[p] = weight[i];
        }
        // Sort each bucket by engager, merge repeats, keep pairs over the threshold; compact in place.
        int write = 0;
        for (int v = 0; v < nodeCount; v++)
        {
            int start = offsets[v], end = offsets[v + 1];
            offsets[v] = write;
            if (end - start > 1) Array.Sort(engagers, counts, start, end - start);
            int i = start;
            while (i < end)
            {
                int engager = engagers[i];
                double sum = 0;
                while (i < end && engagers[i] == engager) sum += counts[i++];
                if (sum >= minInteractions)
                {
                    engagers[write] = engager;
                    counts[write] = sum;
                    write++;
                }
            }
        }
        offsets[nodeCount] = write;
        Array.Resize(ref engagers, write);
        Array.Resize(ref counts, write);
        return new EngagedAudienceIndex(nodeCount, minInteractions, new CsrRows<double>(offsets, engagers, counts));
    }
}
