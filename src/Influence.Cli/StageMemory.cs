using System.Diagnostics;
using System.Globalization;
using Influence.Core.Model;

namespace Influence.Cli;

/// <summary>
/// The process's memory beside each stage's progress line ("RSS 1.02 GiB, peak 1.31 GiB"), so a large run shows where
/// its bytes go (docs/performance.md, "100M follows") without an external profiler. RSS is the resident set now; the
/// peak is the kernel's high-water mark of this process (VmHWM on Linux), what /usr/bin/time -v reports at the end.
/// </summary>
internal static class StageMemory
{
    /// <summary>"RSS 1.02 GiB, peak 1.31 GiB".</summary>
    public static string Now()
    {
        using var self = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture,
            $"RSS {RunEstimator.FormatBytes(self.WorkingSet64)}, peak {RunEstimator.FormatBytes(self.PeakWorkingSet64)}");
    }

    /// <summary>"12.3 s, RSS 1.02 GiB, peak 1.31 GiB".</summary>
    public static string After(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s, {Now()}");
}
