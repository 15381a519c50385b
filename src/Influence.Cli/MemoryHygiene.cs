using System.Runtime;

namespace Influence.Cli;

/// <summary>
/// Hands large dead buffers back between batch stages. The loader's growth buffers (hundreds of MB on a
/// 10M-edge file) live on the large-object heap, which the GC neither compacts nor collects eagerly; left
/// alone, the analysis allocates beside them and the peak working set grows by their size (measured on the
/// 1M-account / 10M-follow benchmark graph: saves ~80 MB). Called again when community detection ends
/// (<c>AnalysisOptions.Run</c>): its ~740 MB of buffers are dead then, and without a collection the per-account
/// arrays of the later stages were allocated beside them (peak 1.45 GB before, 1.13 GB after; see docs/performance.md).
/// </summary>
internal static class MemoryHygiene
{
    public static void ReleaseGarbage()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
