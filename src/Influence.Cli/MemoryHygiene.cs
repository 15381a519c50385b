using System.Runtime;

namespace Influence.Cli;

/// <summary>
/// Hands large dead buffers back between batch stages. The loader's growth buffers (hundreds of MB on a
/// 10M-edge file) live on the large-object heap, which the GC neither compacts nor collects eagerly; left
/// alone, the analysis allocates beside them and the peak working set grows by their size (measured on the
/// 1M-account / 10M-follow benchmark graph: 1.53 GB peak without this, under 1 GiB with it).
/// </summary>
internal static class MemoryHygiene
{
    public static void ReleaseGarbage()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
