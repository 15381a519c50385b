namespace Influence.Core.Campaigns;

/// <summary>Overlap of two accounts' engaged audiences.</summary>
/// <param name="First">Index of the first account in the list asked about.</param>
/// <param name="Second">Index of the second account (&gt; First).</param>
/// <param name="Shared">Engagers of both.</param>
/// <param name="Jaccard">Shared / size of the union of the two audiences (0 when both are empty).</param>
public readonly record struct AudiencePairOverlap(int First, int Second, int Shared, double Jaccard);

/// <summary>Engaged-audience overlap of a list of accounts.</summary>
/// <param name="Accounts">Dense ids, in the order asked (repeats removed).</param>
/// <param name="AudienceSizes">Engaged audience of each account, aligned with <paramref name="Accounts"/>.</param>
/// <param name="Pairs">Every pair (i &lt; j), in row order.</param>
/// <param name="Union">Distinct engagers of the whole list.</param>
/// <param name="SumOfAudiences">Σ audience sizes: what a ranked list counts; Union / SumOfAudiences is the share not duplicated.</param>
public sealed record AudienceOverlapResult(int[] Accounts, int[] AudienceSizes, AudiencePairOverlap[] Pairs, int Union, long SumOfAudiences);

/// <summary>Pairwise overlap of engaged audiences by stamp marking: O(list × Σ audience), no per-pair allocation.</summary>
public static class AudienceOverlap
{
    /// <summary>Largest list accepted (pairs grow with its square).</summary>
    public const int MaxAccounts = 200;

    /// <exception cref="ArgumentException">Empty or too long a list, or an account outside the index.</exception>
    public static AudienceOverlapResult Compute(EngagedAudienceIndex index, IReadOnlyList<int> accounts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(accounts);
        if (accounts.Count == 0) throw new ArgumentException("Give at least one account.", nameof(accounts));
        if (accounts.Count > MaxAccounts) throw new ArgumentException($"At most {MaxAccounts} accounts; got {accounts.Count}.", nameof(accounts));
        var distinct = new List<int>(accounts.Count);
        for (int i = 0; i < accounts.Count; i++)
        {
            int v = accounts[i];
            if ((uint)v >= (uint)index.NodeCount)
                throw new ArgumentException($"accounts[{i}] = {v} is not an account (0 to {index.NodeCount - 1}).", nameof(accounts));
            if (!distinct.Contains(v)) distinct.Add(v);
        }
        int m = distinct.Count;
        var sizes = new int[m];
        var stamp = new int[index.NodeCount];
        var pairs = new AudiencePairOverlap[m * (m - 1) / 2];
        int p = 0, union = 0;
        long sum = 0;
        var unionMark = new bool[index.NodeCount];
        for (int i = 0; i < m; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadOnlySpan<int> a = index.Audience(distinct[i]);
            sizes[i] = a.Length;
            sum += a.Length;
            foreach (int e in a)
            {
                stamp[e] = i + 1;
                if (!unionMark[e]) { unionMark[e] = true; union++; }
            }
            for (int j = i + 1; j < m; j++)
            {
                ReadOnlySpan<int> b = index.Audience(distinct[j]);
                int shared = 0;
                foreach (int e in b) if (stamp[e] == i + 1) shared++;
                int either = a.Length + b.Length - shared;
                pairs[p++] = new AudiencePairOverlap(i, j, shared, either == 0 ? 0 : (double)shared / either);
            }
        }
        return new AudienceOverlapResult(distinct.ToArray(), sizes, pairs, union, sum);
    }
}
