using Influence.Core.Graph;
using static Influence.Core.Model.ThresholdCatalog;

namespace Influence.Core.Model;

/// <summary>Defender and critic thresholds read once from <see cref="RoleThresholds"/>.</summary>
internal readonly struct DefenderRules(IReadOnlyDictionary<string, double> values, long periodSeconds)
{
    public readonly double MinInteractions = values[DefenderMinInteractions];
    public readonly double CriticMinInteractions = values[ThresholdCatalog.CriticMinInteractions];
    public readonly int MinPeriods = (int)Math.Ceiling(values[DefenderMinPeriods]);
    public readonly double MinUntimed = values[DefenderMinUntimedInteractions];
    public readonly double OutlierMads = values[DefenderOutlierMads];
    public readonly double GivenOutlierMads = values[DefenderGivenOutlierMads];
    public readonly double LikeFactor = values[DefenderLikeFactor];
    public readonly double RelativeMinEngagers = values[DefenderRelativeMinEngagers];
    public readonly double MinEndorsementShareWithoutStance = values[DefenderMinEndorsementShareWithoutStance];
    public readonly long PeriodSeconds = periodSeconds;
}

/// <summary>
/// Finds, for every account X, its defenders D (repeated, spread-out, reciprocated, non-critical
/// support) and its critics (repeated interactions with a negative mean stance).
/// </summary>
/// <remarks>
/// Per ordered pair D→X the log gives: <c>interactions</c> = Σ weight over D's interactions with X,
/// a like counting <c>defender_like_factor</c>; <c>periods</c> = distinct time periods
/// (⌊timestamp / DefenderPeriodSeconds⌋) among them; the mean known stance.
/// D defends X when: interactions ≥ defender_min_interactions and, for X with at least
/// defender_relative_min_engagers accounts in its audience (engagers and followers; a follower who never engaged counts 0),
/// ≥ median + defender_outlier_mads × 1.4826 × MAD over that audience; X is among the accounts D engages most
/// (≥ median + defender_given_outlier_mads × 1.4826 × MAD of what D gives each);
/// periods ≥ defender_min_periods (or, when none of
/// the pair's interactions has a timestamp, interactions ≥ defender_min_untimed_interactions); X
/// follows D or X engaged with D; the mean stance is ≥ 0, or unknown and then (when the run has follows) X follows D
/// or at least defender_min_endorsement_share_without_stance of D's interactions are shares or likes.
/// Strength = interactions × (1 + ln periods) × (1 when X both follows and engages back, else 0.75)
/// × (0.5 + 0.5 × mean stance when known, else 1).
/// D criticises X when the mean known stance is &lt; 0 and it repeats: critic_min_interactions over defender_min_periods (no reciprocity
/// needed); strength = interactions × (1 + ln periods) × (−mean stance).
/// Cost: O(M log d) to place interactions on pairs, then one pass per target; memory 8 bytes per interaction.
/// </remarks>
internal static class DefenderDetection
{
    public static (DefenderLink[] Defenders, DefenderLink[] Critics) Compute(InteractionLog log, DirectedGraph follows,
        DirectedGraph interactions, AccountMetrics[] accounts, DefenderRules rules, CancellationToken ct, bool[]? suspectedFakes = null)
    {
        (int[] offsets, int[] order) = GroupByPair(log, interactions, ct);
        var candidate = new bool[interactions.EdgeCount];
        (List<(DefenderLink Link, int Edge)>[] candidatesPerChunk, List<DefenderLink>[] criticsPerChunk) =
            FindCandidates(log, follows, interactions, accounts, rules, offsets, order, candidate, suspectedFakes, ct);
        List<DefenderLink>[] defendersPerChunk = ResolveMutualBacking(follows, interactions, accounts, candidatesPerChunk, candidate, ct);
        return (Concat(defendersPerChunk), Concat(criticsPerChunk));
    }

    /// <summary>
    /// Interaction indices grouped by their (D → X) pair: <paramref name="log"/>'s interactions in in-edge order of the
    /// interaction graph, pair e's at order[offsets[e] .. offsets[e + 1]). Self-interactions and kinds weighted 0 are left out.
    /// </summary>
    private static (int[] Offsets, int[] Order) GroupByPair(InteractionLog log, DirectedGraph interactions, CancellationToken ct)
    {
        int m = log.Count;
        int edges = interactions.EdgeCount;

        // 1. In-edge position of each interaction (−1: self-interaction or a kind weighted 0).
        var position = new int[m];
        int[] srcArr = log.SourceArray, dstArr = log.TargetArray;
        Parallel.For(0, NodeRanges.ChunkCount(m), new ParallelOptions { CancellationToken = ct }, c =>
        {
            var (from, to) = NodeRanges.Chunk(c, m);
            ReadOnlySpan<int> inOffsets = interactions.InOffsets;
            for (int i = from; i < to; i++)
            {
                int s = srcArr[i], t = dstArr[i];
                int at = s == t ? -1 : interactions.InNeighbors(t).BinarySearch(s);
                position[i] = at < 0 ? -1 : inOffsets[t] + at;
            }
        });

        // 2. Counting sort of interaction indices by in-edge position.
        var offsets = new int[edges + 1];
        for (int i = 0; i < m; i++) if (position[i] >= 0) offsets[position[i] + 1]++;
        for (int e = 0; e < edges; e++) offsets[e + 1] += offsets[e];
        var order = new int[offsets[edges]];
        {
            var cursor = new int[edges];
            Array.Copy(offsets, cursor, edges);
            for (int i = 0; i < m; i++) if (position[i] >= 0) order[cursor[position[i]]++] = i;
        }
        return (offsets, order);
    }

    /// <summary>
    /// Per target, in parallel chunks: every pair's figures, the critics, and the defender candidates (all rules but the
    /// mutual one, marked in <paramref name="candidate"/> by in-edge); each chunk keeps its links in target order.
    /// </summary>
    // One method on purpose: one parallel pass per target computes each pair's figures and applies the rules in order,
    // each with its reason beside it; the per-chunk scratch arrays and the log's columns stay in locals.
    private static (List<(DefenderLink Link, int Edge)>[] Candidates, List<DefenderLink>[] Critics) FindCandidates(InteractionLog log,
        DirectedGraph follows, DirectedGraph interactions, AccountMetrics[] accounts, DefenderRules rules, int[] offsets, int[] order,
        bool[] candidate, bool[]? suspectedFakes, CancellationToken ct)
    {
        int n = accounts.Length;
        int chunks = NodeRanges.ChunkCount(n);
        var candidatesPerChunk = new List<(DefenderLink Link, int Edge)>[chunks];
        var criticsPerChunk = new List<DefenderLink>[chunks];
        InteractionKind[] kinds = log.KindArray;
        long[] times = log.TimestampArray;
        double[] weights = log.WeightArray;
        double[] stances = log.StanceArray;
        bool hasStance = log.HasStance;
        double[] givenFence = GivenFences(interactions, rules, ct);
        bool followsObserved = follows.EdgeCount > 0;
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = ct }, c =>
        {
            var (from, to) = NodeRanges.Chunk(c, n);
            var found = new List<(DefenderLink, int)>();
            var critics = new List<DefenderLink>();
            var scratch = new Scratch();
            ReadOnlySpan<int> inOffsets = interactions.InOffsets;
            ReadOnlySpan<int> inSources = interactions.InSources;
            for (int t = from; t < to; t++)
            {
                int first = inOffsets[t], degree = inOffsets[t + 1] - first;
                if (degree == 0) continue;
                scratch.Ensure(degree);
                for (int j = 0; j < degree; j++)
                {
                    int e = first + j;
                    double count = 0, endorsed = 0, total = 0, stanceSum = 0;
                    int stanceCount = 0, timed = 0;
                    scratch.EnsurePeriods(offsets[e + 1] - offsets[e]);
                    for (int q = offsets[e]; q < offsets[e + 1]; q++)
                    {
                        int i = order[q];
                        count += weights[i] * (kinds[i] == InteractionKind.Like ? rules.LikeFactor : 1.0);
                        total += weights[i];
                        if (kinds[i] is InteractionKind.Share or InteractionKind.Like) endorsed += weights[i];
                        if (times[i] != InteractionLog.NoTimestamp)
                            scratch.Periods[timed++] = FloorDiv(times[i], rules.PeriodSeconds);
                        if (hasStance && !double.IsNaN(stances[i])) { stanceSum += stances[i]; stanceCount++; }
                    }
                    scratch.Count[j] = count;
                    scratch.Sorted[j] = count;
                    scratch.ActivePeriods[j] = timed == 0 ? 0 : DistinctCount(scratch.Periods.AsSpan(0, timed));
                    scratch.Stance[j] = stanceCount == 0 ? double.NaN : stanceSum / stanceCount;
                    scratch.Endorsed[j] = total > 0 ? endorsed / total : 0;
                }
                // Stands out from the account's engagers: median + k robust deviations (1.4826 × MAD estimates
                // the standard deviation without letting the defenders themselves inflate it). A fixed multiple
                // of the median failed relationship builders, whose whole audience engages often.
                // The reference is the account's whole audience — engagers and the followers who never engaged
                // (zeros) — so a defender group that is half of the engagers cannot raise its own bar.
                int silentFollowers = follows.InDegree(t) - SortedSpans.CountIntersection(follows.InNeighbors(t), interactions.InNeighbors(t));
                int audience = degree + silentFollowers;
                double minSupport = rules.MinInteractions;
                if (audience >= rules.RelativeMinEngagers)
                {
                    scratch.EnsureSorted(audience);
                    scratch.Sorted.AsSpan(degree, silentFollowers).Clear();
                    minSupport = Math.Max(minSupport, StandOutFence(scratch.Sorted.AsSpan(0, audience), rules.OutlierMads));
                }

                int criticCount = 0;
                ReadOnlySpan<double> inWeights = interactions.InWeights(t);
                for (int j = 0; j < degree; j++)
                {
                    int d = inSources[first + j];
                    double count = scratch.Count[j];
                    int periods = scratch.ActivePeriods[j];
                    double stance = scratch.Stance[j];
                    bool critical = !double.IsNaN(stance) && stance < 0;
                    double minRepeated = critical ? rules.CriticMinInteractions : rules.MinInteractions;
                    bool repeated = periods == 0 ? count >= rules.MinUntimed : periods >= rules.MinPeriods && count >= minRepeated;
                    if (!repeated) continue;
                    double spread = 1 + Math.Log(Math.Max(periods, 1));
                    if (critical)
                    {
                        bool followsBackC = follows.HasEdge(t, d), engagesBackC = interactions.HasEdge(t, d);
                        critics.Add(new DefenderLink(t, d, count * spread * -stance, count, Math.Max(periods, 1), followsBackC, engagesBackC, stance));
                        criticCount++;
                        continue;
                    }
                    if (count < minSupport) continue;
                    if (suspectedFakes is not null && suspectedFakes[d]) continue; // a suspected fake follower never counts as a defender
                    // X stands out among the accounts D engages with: a defender's backing is a notable part of what it
                    // does. A relationship builder answering each of its hundreds of followers a few times is outreach,
                    // not the defence of each of them.
                    if (inWeights[j] < givenFence[d]) continue;
                    bool followsBack = follows.HasEdge(t, d);
                    bool engagesBack = interactions.OutNeighbors(t).BinarySearch(d) >= 0;
                    // Reciprocal: X follows D or engages with D. A relationship builder engages back a lot; that
                    // is the point of one, so how much X gives back does not disqualify D (but see the mutual rule).
                    if (!followsBack && !engagesBack) continue;
                    // Without a recorded stance, an exchange of replies, mentions and quotes may be an argument: X
                    // following D, or endorsement (shares, likes) among what D gives X, shows support. A log without
                    // any follow cannot show the former, so there the exchange stands (as the roles judge what is observed).
                    if (double.IsNaN(stance) && followsObserved && !followsBack && scratch.Endorsed[j] < rules.MinEndorsementShareWithoutStance) continue;
                    double reciprocity = followsBack && engagesBack ? 1.0 : 0.75;
                    double stanceFactor = double.IsNaN(stance) ? 1.0 : 0.5 + 0.5 * stance;
                    found.Add((new DefenderLink(t, d, count * spread * reciprocity * stanceFactor, count, Math.Max(periods, 1), followsBack, engagesBack, stance), first + j));
                    candidate[first + j] = true;
                }
                if (criticCount > 1)
                    critics.Sort(critics.Count - criticCount, criticCount, StrengthDescending.Instance);
                accounts[t].Critics = criticCount;
            }
            candidatesPerChunk[c] = found;
            criticsPerChunk[c] = critics;
        });

        return (candidatesPerChunk, criticsPerChunk);
    }

    /// <summary>
    /// Mutual backing: when D qualifies as X's defender and X as D's, the pair backs each other and the defence is of the
    /// one who speaks to the larger audience (a relationship builder answering its defender is conversation, not defence
    /// of that defender); with equal audiences both stand. Then the per-account defender figures.
    /// </summary>
    private static List<DefenderLink>[] ResolveMutualBacking(DirectedGraph follows, DirectedGraph interactions, AccountMetrics[] accounts,
        List<(DefenderLink Link, int Edge)>[] candidatesPerChunk, bool[] candidate, CancellationToken ct)
    {
        int chunks = candidatesPerChunk.Length;
        var defendersPerChunk = new List<DefenderLink>[chunks];
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = ct }, c =>
        {
            var kept = new List<DefenderLink>();
            var scratch = new Scratch();
            List<(DefenderLink Link, int Edge)> found = candidatesPerChunk[c];
            ReadOnlySpan<int> inOffsets = interactions.InOffsets;
            int i = 0;
            while (i < found.Count)
            {
                int t = found[i].Link.Target, end = i;
                while (end < found.Count && found[end].Link.Target == t) end++;
                int firstLink = kept.Count;
                double defenderWeight = 0;
                scratch.Defenders.Clear();
                ReadOnlySpan<double> inWeights = interactions.InWeights(t);
                for (int k = i; k < end; k++)
                {
                    var (link, edge) = found[k];
                    int d = link.Defender;
                    int reverse = interactions.InNeighbors(d).BinarySearch(t);
                    if (reverse >= 0 && candidate[inOffsets[d] + reverse] && follows.InDegree(d) > follows.InDegree(t)) continue;
                    kept.Add(link);
                    scratch.Defenders.Add(d);
                    defenderWeight += inWeights[edge - inOffsets[t]];
                }
                int defenderCount = kept.Count - firstLink;
                if (defenderCount > 1) kept.Sort(firstLink, defenderCount, StrengthDescending.Instance);
                ref AccountMetrics metrics = ref accounts[t];
                metrics.Defenders = defenderCount;
                double received = 0;
                foreach (double w in inWeights) received += w;
                metrics.DefenderEngagementShare = received > 0 ? defenderWeight / received : 0;
                metrics.DefenderDensity = defenderCount > 1 ? TieDensity(scratch.Defenders, follows, interactions, scratch.Pairs) : 0;
                i = end;
            }
            defendersPerChunk[c] = kept;
        });
        return defendersPerChunk;
    }

    /// <summary>
    /// Share of the k(k−1)/2 unordered pairs among <paramref name="members"/> joined by a follow or an
    /// interaction in either direction. Sorts <paramref name="members"/>.
    /// </summary>
    internal static double TieDensity(List<int> members, DirectedGraph follows, DirectedGraph interactions, HashSet<long> pairs)
    {
        members.Sort();
        pairs.Clear();
        var sorted = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members);
        foreach (int a in sorted)
        {
            AddTies(a, follows.OutNeighbors(a), sorted, pairs);
            AddTies(a, interactions.OutNeighbors(a), sorted, pairs);
        }
        long k = sorted.Length;
        return pairs.Count / (k * (k - 1) / 2.0);

        static void AddTies(int a, ReadOnlySpan<int> neighbours, ReadOnlySpan<int> members, HashSet<long> pairs)
        {
            // Walk the shorter list, binary-search the longer.
            if (neighbours.Length <= members.Length)
            {
                foreach (int b in neighbours)
                    if (b != a && members.BinarySearch(b) >= 0) pairs.Add(PairKey(a, b));
            }
            else
            {
                foreach (int b in members)
                    if (b != a && neighbours.BinarySearch(b) >= 0) pairs.Add(PairKey(a, b));
            }
        }
    }

    private static long PairKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    internal static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    private static int DistinctCount(Span<long> values)
    {
        if (values.Length <= 1) return values.Length;
        values.Sort();
        int distinct = 1;
        for (int i = 1; i < values.Length; i++) if (values[i] != values[i - 1]) distinct++;
        return distinct;
    }

    /// <summary>
    /// Per account D: median + k robust deviations of the (kind-weighted) engagement D gives each account it engages
    /// with, when it engages with at least defender_relative_min_engagers accounts; 0 otherwise.
    /// </summary>
    private static double[] GivenFences(DirectedGraph interactions, DefenderRules rules, CancellationToken ct)
    {
        int n = interactions.NodeCount;
        var fence = new double[n];
        Parallel.For(0, NodeRanges.ChunkCount(n), new ParallelOptions { CancellationToken = ct }, c =>
        {
            var (from, to) = NodeRanges.Chunk(c, n);
            double[] buffer = new double[64];
            for (int d = from; d < to; d++)
            {
                ReadOnlySpan<double> given = interactions.OutWeights(d);
                if (given.Length < rules.RelativeMinEngagers) continue;
                if (buffer.Length < given.Length) buffer = new double[Math.Max(given.Length, buffer.Length * 2)];
                given.CopyTo(buffer);
                fence[d] = StandOutFence(buffer.AsSpan(0, given.Length), rules.GivenOutlierMads);
            }
        });
        return fence;
    }

    /// <summary>median + k × 1.4826 × MAD of <paramref name="values"/> (sorts and overwrites them).</summary>
    internal static double StandOutFence(Span<double> values, double k)
    {
        double median = Median(values);
        for (int i = 0; i < values.Length; i++) values[i] = Math.Abs(values[i] - median);
        double mad = Median(values);
        return median + k * 1.4826 * mad;
    }

    /// <summary>Median (mean of the two middle values for an even count); sorts in place.</summary>
    internal static double Median(Span<double> values)
    {
        if (values.Length == 0) return 0;
        values.Sort();
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static DefenderLink[] Concat(List<DefenderLink>[] parts)
    {
        int total = 0;
        foreach (var p in parts) total += p?.Count ?? 0;
        var all = new DefenderLink[total];
        int at = 0;
        foreach (var p in parts)
        {
            if (p is null) continue;
            p.CopyTo(all, at);
            at += p.Count;
        }
        return all;
    }

    private sealed class StrengthDescending : IComparer<DefenderLink>
    {
        public static readonly StrengthDescending Instance = new();
        public int Compare(DefenderLink x, DefenderLink y)
        {
            int c = y.Strength.CompareTo(x.Strength);
            return c != 0 ? c : x.Defender.CompareTo(y.Defender);
        }
    }

    /// <summary>Per-thread buffers, grown to the largest in-degree seen (no allocation per pair).</summary>
    private sealed class Scratch
    {
        public double[] Count = new double[64];
        public double[] Sorted = new double[64];
        public int[] ActivePeriods = new int[64];
        public double[] Stance = new double[64];
        public double[] Endorsed = new double[64];
        public long[] Periods = new long[256];
        public readonly List<int> Defenders = new();
        public readonly HashSet<long> Pairs = new();

        public void EnsurePeriods(int interactions)
        {
            if (Periods.Length < interactions) Periods = new long[Math.Max(interactions, Periods.Length * 2)];
        }

        public void EnsureSorted(int size)
        {
            if (Sorted.Length < size)
            {
                var grown = new double[Math.Max(size, Sorted.Length * 2)];
                Sorted.AsSpan().CopyTo(grown);
                Sorted = grown;
            }
        }

        public void Ensure(int degree)
        {
            if (Count.Length < degree)
            {
                int size = Math.Max(degree, Count.Length * 2);
                Count = new double[size];
                Sorted = new double[size];
                ActivePeriods = new int[size];
                Stance = new double[size];
                Endorsed = new double[size];
            }
        }
    }
}
