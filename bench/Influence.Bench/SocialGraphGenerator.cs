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
        using var sink = new LineSink(path, header: null, separator: (byte)' ');
        LinesWritten = WriteFollows(BuildLayout(), sink);
    }

    /// <summary>
    /// Writes <c>follows.csv</c> (<c>source,target</c>) and <c>interactions.csv</c> (<c>source,target,kind,timestamp</c>)
    /// into <paramref name="directory"/>, streamed: memory stays O(nodes) however many rows are written. Interactions
    /// pick their targets like follows do (mostly inside the actor's community, skewed to popular accounts).
    /// </summary>
    /// <returns>Follow rows and interaction rows written.</returns>
    public (long Follows, long Interactions) WriteWorld(string directory, long interactions, IProgress<string>? progress = null)
    {
        Directory.CreateDirectory(directory);
        var layout = BuildLayout();
        long follows;
        using (var sink = new LineSink(Path.Combine(directory, "follows.csv"), "source,target\n"u8.ToArray(), (byte)','))
            follows = WriteFollows(layout, sink, progress);
        LinesWritten = follows;
        using var actions = new LineSink(Path.Combine(directory, "interactions.csv"), "source,target,kind,timestamp\n"u8.ToArray(), (byte)',');
        byte[][] kinds = ["reply"u8.ToArray(), "mention"u8.ToArray(), "share"u8.ToArray(), "quote"u8.ToArray(), "comment"u8.ToArray(), "like"u8.ToArray()];
        double[] kindShare = [0.2, 0.15, 0.15, 0.05, 0.1, 0.35];
        const long start = 1_700_000_000, span = 90L * 86_400;
        for (long i = 0; i < interactions; i++)
        {
            // Actors uniform over the ordinary accounts; celebrities only receive.
            int v = _celebrities + (int)((_nodes - _celebrities) * _rng.NextDouble());
            int target = PickTarget(layout, v, out _);
            if (target == v) { i--; continue; }
            double r = _rng.NextDouble();
            int kind = 0;
            for (double c = kindShare[0]; kind < kinds.Length - 1 && r >= c; c += kindShare[++kind]) { }
            actions.Write(layout.Id[v], layout.Id[target], kinds[kind], start + (long)(_rng.NextDouble() * span));
            if ((i & 0xFFFFF) == 0 && i > 0) progress?.Report($"interactions: {i:N0} of {interactions:N0}");
        }
        return (follows, interactions);
    }

    /// <summary>Random relabelling and planted communities (O(nodes) memory).</summary>
    private sealed record Layout(int[] Id, int[] CommunityOf, List<int> CommunityStart, double LogMean);

    private const double OutDegreeSigma = 1.0;

    private Layout BuildLayout()
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
        return new Layout(id, communityOf, communityStart, Math.Log(meanOut) - OutDegreeSigma * OutDegreeSigma / 2);
    }

    /// <summary>A follow (or interaction) target for virtual node <paramref name="v"/>: a celebrity, a popular member of its community, or a globally popular node.</summary>
    private int PickTarget(Layout layout, int v, out bool celebrity)
    {
        int community = layout.CommunityOf[v];
        int cStart = layout.CommunityStart[community], cSize = layout.CommunityStart[community + 1] - cStart;
        double r = _rng.NextDouble();
        celebrity = false;
        if (r < CelebrityShare)
        {
            // Celebrities are virtual 0.._celebrities-1, themselves skewed.
            celebrity = true;
            return (int)(_celebrities * Math.Pow(_rng.NextDouble(), 2));
        }
        if (r < CelebrityShare + (1 - CelebrityShare) * InCommunityShare && cSize > 1)
            return cStart + (int)(cSize * Math.Pow(_rng.NextDouble(), 2.5));   // popular members first
        return _celebrities + (int)((_nodes - _celebrities) * Math.Pow(_rng.NextDouble(), 3));   // global popularity
    }

    private long WriteFollows(Layout layout, LineSink sink, IProgress<string>? progress = null)
    {
        int n = _nodes;
        int[] id = layout.Id;
        long lines = 0;
        for (int v = _celebrities; v < n && lines < _edges; v++)
        {
            // Random rounding keeps the mean (plain truncation would lose about half a follow per node).
            int outDegree = (int)Math.Min(n / 2, Math.Exp(layout.LogMean + OutDegreeSigma * _rng.NextGaussian()) + _rng.NextDouble());
            for (int k = 0; k < outDegree; k++)
            {
                int target = PickTarget(layout, v, out bool celebrity);
                if (target == v) continue;
                sink.Write(id[v], id[target]);
                lines++;
                if (!celebrity && _rng.NextDouble() < FollowBackChance)
                {
                    sink.Write(id[target], id[v]);
                    lines++;
                }
            }
            if ((v & 0xFFFFF) == 0 && v > 0) progress?.Report($"follows: {lines:N0} rows, {v:N0} of {n:N0} accounts");
        }
        return lines;
    }

    /// <summary>Buffered UTF-8 line writer: "source{sep}target[,kind,timestamp]\n".</summary>
    private sealed class LineSink : IDisposable
    {
        private readonly FileStream _file;
        private readonly byte[] _buffer = new byte[1 << 20];
        private readonly byte _separator;
        private int _used;

        public LineSink(string path, byte[]? header, byte separator)
        {
            _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            _separator = separator;
            if (header is not null) _file.Write(header);
        }

        public void Write(int source, int target, byte[]? kind = null, long timestamp = 0)
        {
            if (_used > _buffer.Length - 64) Flush();
            Utf8Formatter.TryFormat(source, _buffer.AsSpan(_used), out int w);
            _used += w;
            _buffer[_used++] = _separator;
            Utf8Formatter.TryFormat(target, _buffer.AsSpan(_used), out w);
            _used += w;
            if (kind is not null)
            {
                _buffer[_used++] = (byte)',';
                kind.CopyTo(_buffer.AsSpan(_used));
                _used += kind.Length;
                _buffer[_used++] = (byte)',';
                Utf8Formatter.TryFormat(timestamp, _buffer.AsSpan(_used), out w);
                _used += w;
            }
            _buffer[_used++] = (byte)'\n';
        }

        private void Flush()
        {
            _file.Write(_buffer, 0, _used);
            _used = 0;
        }

        public void Dispose()
        {
            Flush();
            _file.Dispose();
        }
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
