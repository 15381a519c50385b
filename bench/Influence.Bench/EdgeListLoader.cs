using System.Globalization;
using System.Runtime.CompilerServices;
using Influence.Core.Graph;

namespace Influence.Bench;

/// <summary>
/// Span-based loader for numeric SNAP edge lists ("source target" per line, '#' comments, spaces or tabs,
/// CRLF tolerated): parses bytes straight from a 1 MiB buffer, maps numeric ids to dense ids with an array
/// (first-seen order, like <see cref="IdMap"/>), feeds <see cref="GraphBuilder"/> by dense id, and fills
/// the <see cref="IdMap"/> with the external ids once at the end.
/// </summary>
public static class EdgeListLoader
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DirectedGraph Load(string path, out long lines)
    {
        long length = new FileInfo(path).Length;
        var builder = new GraphBuilder(new IdMap(), weighted: false, edgeCapacity: (int)Math.Min(int.MaxValue / 2, length / 12 + 16));
        int[] denseOf = new int[1 << 16];   // numeric id → dense id + 1 (0 = unseen)
        var externalOf = new List<int>();
        lines = 0;

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int carry = 0;
        long lineNumber = 0;
        while (true)
        {
            int read = file.Read(buffer, carry, buffer.Length - carry);
            int end = carry + read;
            bool last = read == 0;
            if (last && end == 0) break;
            int pos = 0;
            while (true)
            {
                int newline = buffer.AsSpan(pos, end - pos).IndexOf((byte)'\n');
                int lineEnd;
                if (newline < 0)
                {
                    if (!last) break;   // partial line: keep it for the next read
                    if (pos == end) break;
                    lineEnd = end;
                }
                else lineEnd = pos + newline;
                lineNumber++;
                ParseLine(buffer.AsSpan(pos, lineEnd - pos), path, lineNumber, builder, ref denseOf, externalOf, ref lines);
                pos = lineEnd + 1;
                if (pos >= end) break;
            }
            if (last) break;
            carry = Math.Max(0, end - pos);
            if (carry == buffer.Length) throw new FormatException($"{path}: line {lineNumber + 1} is longer than {buffer.Length} bytes.");
            Buffer.BlockCopy(buffer, pos, buffer, 0, carry);
        }

        IdMap ids = builder.Ids;
        foreach (int external in externalOf) ids.GetOrAdd(external.ToString(CultureInfo.InvariantCulture));
        return builder.Build();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ParseLine(ReadOnlySpan<byte> line, string path, long lineNumber, GraphBuilder builder,
        ref int[] denseOf, List<int> externalOf, ref long edges)
    {
        int i = 0;
        SkipBlanks(line, ref i);
        if (i == line.Length || line[i] == (byte)'#') return;
        int source = ParseId(line, ref i, path, lineNumber, "source");
        SkipBlanks(line, ref i);
        int target = ParseId(line, ref i, path, lineNumber, "target");
        builder.AddEdge(Dense(source, ref denseOf, externalOf), Dense(target, ref denseOf, externalOf));
        edges++;
    }

    private static int Dense(int external, ref int[] denseOf, List<int> externalOf)
    {
        if (external >= denseOf.Length)
            Array.Resize(ref denseOf, (int)Math.Min(Array.MaxLength, Math.Max((long)external + 1, 2L * denseOf.Length)));
        int d = denseOf[external];
        if (d != 0) return d - 1;
        externalOf.Add(external);
        denseOf[external] = externalOf.Count;
        return externalOf.Count - 1;
    }

    private static void SkipBlanks(ReadOnlySpan<byte> line, ref int i)
    {
        while (i < line.Length && (line[i] == (byte)' ' || line[i] == (byte)'\t' || line[i] == (byte)'\r')) i++;
    }

    private static int ParseId(ReadOnlySpan<byte> line, ref int i, string path, long lineNumber, string field)
    {
        int start = i;
        long value = 0;
        while (i < line.Length && (uint)(line[i] - '0') <= 9)
        {
            value = value * 10 + (line[i] - '0');
            if (value > int.MaxValue - 1) throw new FormatException($"{path}: line {lineNumber}, {field}: id larger than {int.MaxValue - 1}.");
            i++;
        }
        if (i == start)
            throw new FormatException($"{path}: line {lineNumber}, {field}: expected a non-negative integer id.");
        return (int)value;
    }
}
