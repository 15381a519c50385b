using System.Buffers.Text;

namespace Influence.Bench;

/// <summary>
/// Seeded generator of a directed "who follows whom" graph with the shape of a social network:
/// planted communities (sizes power-law distributed, most follows stay inside), popularity skew
/// inside and across communities, a few celebrities with huge in-degree who follow almost nobody,
/// log-normal out-degrees and 20% of ordinary follows followed back (about a third of all arcs reciprocated).
/// Node ids are a random permutation, so communities are not contiguous id ranges (no free cache locality).
/// </summary>
public sealed class SocialGraphGenerator
{
    /// <summary>Share of follows that go to one of the celebrities.</summary>
    public const double CelebrityShare = 0.03;
    /// <summary>Share of (non-celebrity) follows that stay in the follower's community.</summary>
    public const double InCommunityShare = 0.8;
    /// <summary>Chance an ordinary follow is followed back.</summary>
    public const double FollowBackChance = 0.2;

    private readonly int _nodes;
    private readonly long _edges;
    private readonly int _celebrities;
    private SplitMix _rng;

    public SocialGraphGenerator(int nodes, long edges, int seed)
    {
        if (nodes < 100) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "nodes must be >= 100.");
        if (edges < nodes) throw new ArgumentOutOfRangeException(nameof(edges), edges, "edges must be >= nodes.");
        _nodes = nodes;
        _edges = edges;
        _celebrities = Math.Max(3, nodes / 100_000);
        _rng = new SplitMix((ulong)seed);
    }

    /// <summary>Lines written (before the builder collapses duplicates).</summary>
    public long LinesWritten { get; private set; }

    /// <summary>Writes "source target\n" lines (SNAP edge list) to <paramref name="path"/>.</summary>
    public void WriteEdgeList(string path)
    {
        int n = _nodes;
        // Random relabelling: virtual index → node id.
        var id = new int[n];
        for (int i = 0; i < n; i++) id[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = _rng.NextInt(i + 1);
            (id[i], id[j]) = (id[j], id[i]);
        }
        // Communities: contiguous virtual ranges with power-law sizes in [20, 20000].
        var communityStart = new List<int>();
        var communityOf = new int[n];
        for (int start = 0; start < n;)
        {
            int size = (int)Math.Min(20_000, 20 / Math.Pow(1 - _rng.NextDouble() * 0.999, 1 / 1.5));
            size = Math.Min(size, n - start);
            communityStart.Add(start);
            for (int v = start; v < start + size; v++) communityOf[v] = communityStart.Count - 1;
            start += size;
        }
        communityStart.Add(n);

        // Mean out-degree of ordinary nodes so that the total lands near the requested edge count:
        // every non-celebrity follow adds 1 + FollowBackChance lines on average.
        double meanOut = _edges / (n * (1 + FollowBackChance * (1 - CelebrityShare)));
        const double sigma = 1.0;
        double logMean = Math.Log(meanOut) - sigma * sigma / 2;

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var buffer = new byte[1 << 20];
        int used = 0;
        long lines = 0;
        void Write(int source, int target)
        {
            if (used > buffer.Length - 24)
            {
                file.Write(buffer, 0, used);
                used = 0;
            }
            Utf8Formatter.TryFormat(source, buffer.AsSpan(used), out int w1);
            used += w1;
            buffer[used++] = (byte)' ';
            Utf8Formatter.TryFormat(target, buffer.AsSpan(used), out int w2);
            used += w2;
            buffer[used++] = (byte)'\n';
            lines++;
        }

        for (int v = _celebrities; v < n && lines < _edges; v++)
        {
            int community = communityOf[v];
            int cStart = communityStart[community], cSize = communityStart[community + 1] - cStart;
            // Random rounding keeps the mean (plain truncation would lose about half a follow per node).
            int outDegree = (int)Math.Min(n / 2, Math.Exp(logMean + sigma * _rng.NextGaussian()) + _rng.NextDouble());
            for (int k = 0; k < outDegree; k++)
            {
                double r = _rng.NextDouble();
                int target;
                bool celebrity = false;
                if (r < CelebrityShare)
                {
                    // Celebrities are virtual 0.._celebrities-1, themselves skewed.
                    target = (int)(_celebrities * Math.Pow(_rng.NextDouble(), 2));
                    celebrity = true;
                }
                else if (r < CelebrityShare + (1 - CelebrityShare) * InCommunityShare && cSize > 1)
                    target = cStart + (int)(cSize * Math.Pow(_rng.NextDouble(), 2.5));   // popular members first
                else
                    target = _celebrities + (int)((n - _celebrities) * Math.Pow(_rng.NextDouble(), 3));   // global popularity
                if (target == v) continue;
                Write(id[v], id[target]);
                if (!celebrity && _rng.NextDouble() < FollowBackChance) Write(id[target], id[v]);
            }
        }
        file.Write(buffer, 0, used);
        LinesWritten = lines;
    }

    /// <summary>SplitMix64: tiny, fast, identical on every platform.</summary>
    private struct SplitMix(ulong seed)
    {
        private ulong _state = seed;
        private double _spare = double.NaN;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        public int NextInt(int bound) => (int)((Next() >> 33) * (ulong)bound >> 31);

        public double NextGaussian()
        {
            if (!double.IsNaN(_spare))
            {
                double s = _spare;
                _spare = double.NaN;
                return s;
            }
            double u1 = 1 - NextDouble(), u2 = NextDouble();
            double radius = Math.Sqrt(-2 * Math.Log(u1));
            _spare = radius * Math.Sin(2 * Math.PI * u2);
            return radius * Math.Cos(2 * Math.PI * u2);
        }
    }
}
