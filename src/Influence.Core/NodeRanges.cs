namespace Influence.Core;

/// <summary>
/// Node ranges for <c>Parallel.For</c>: a few chunks per core (8 × processors) so uneven degrees balance, each a
/// contiguous range so per-chunk results stay in node order.
/// </summary>
internal static class NodeRanges
{
    public static int ChunkCount(int n) => n == 0 ? 0 : Math.Min(n, Environment.ProcessorCount * 8);

    public static (int From, int To) Chunk(int chunk, int n)
    {
        int count = ChunkCount(n);
        long from = (long)n * chunk / count, to = (long)n * (chunk + 1) / count;
        return ((int)from, (int)to);
    }
}
