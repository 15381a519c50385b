using System.Diagnostics;
using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Parquet;

namespace Influence.Cli;

/// <summary>Which input files to read and how (from the shared input options of the commands).</summary>
public sealed record InputSpec
{
    public string? FollowsPath { get; init; }
    public string? InteractionsPath { get; init; }
    public InputFormat FollowsFormat { get; init; }
    public InputFormat InteractionsFormat { get; init; }
    /// <summary>Kind of the interactions of an edge list without kind column.</summary>
    public InteractionKind? EdgeListKind { get; init; }
    public EdgeListThirdColumn EdgeListThirdColumn { get; init; }
    public string? SourceColumn { get; init; }
    public string? TargetColumn { get; init; }
    public bool SkipInvalid { get; init; }

    public ReadOptions ReadOptionsFor(InputFormat format, RejectsFile? rejects) => new()
    {
        Format = format,
        InvalidRows = SkipInvalid ? InvalidRowMode.Skip : InvalidRowMode.Strict,
        OnInvalidRow = rejects is null ? null : rejects.Add,
        EdgeListKind = EdgeListKind,
        EdgeListThirdColumn = EdgeListThirdColumn,
        SourceColumn = SourceColumn,
        TargetColumn = TargetColumn,
    };

    /// <summary>Throws <see cref="CliInputException"/> when a named file does not exist.</summary>
    public void CheckFilesExist()
    {
        if (FollowsPath is { } f && !File.Exists(f)) throw new CliInputException($"follows file not found: {f}");
        if (InteractionsPath is { } i && !File.Exists(i)) throw new CliInputException($"interactions file not found: {i}");
    }
}

/// <summary>The kernel's input plus what reading it took.</summary>
public sealed record LoadedInput(InfluenceInput Input, ReadStatistics? Follows, ReadStatistics? Interactions, TimeSpan Elapsed);

/// <summary>Reads follow and interaction files straight into the kernel's structures (span fast path, one shared id map).</summary>
public static class InputLoader
{
    public static LoadedInput Load(InputSpec spec, RejectsFile? rejects, ProgressSink progress, CancellationToken cancellationToken)
    {
        spec.CheckFilesExist();
        var clock = Stopwatch.StartNew();
        var ids = new IdMap();
        var builder = new GraphBuilder(ids);
        ReadStatistics? followStats = null, interactionStats = null;
        if (spec.FollowsPath is { } followsPath)
        {
            followStats = ReadFile(followsPath, progress, cancellationToken, (stream, name, report) =>
                IsParquet(stream, spec.FollowsFormat)
                    ? ParquetInput.LoadFollows(builder, stream, name, spec.ReadOptionsFor(InputFormat.Parquet, rejects), report, cancellationToken)
                    : FollowReader.LoadInto(builder, stream, name, spec.ReadOptionsFor(spec.FollowsFormat, rejects), report, cancellationToken));
        }
        var log = new InteractionLog();
        if (spec.InteractionsPath is { } interactionsPath)
        {
            interactionStats = ReadFile(interactionsPath, progress, cancellationToken, (stream, name, report) =>
                IsParquet(stream, spec.InteractionsFormat)
                    ? ParquetInput.LoadInteractions(log, ids, stream, name, spec.ReadOptionsFor(InputFormat.Parquet, rejects), report, cancellationToken)
                    : InteractionReader.LoadInto(log, ids, stream, name, spec.ReadOptionsFor(spec.InteractionsFormat, rejects), report, cancellationToken));
        }
        log.TrimExcess();
        ids.TrimExcess();
        if (ids.Count == 0)
        {
            // An analysis of nothing would only produce undefined figures (NaN reciprocity, modularity, ...).
            string files = string.Join(" and ", new[] { spec.FollowsPath, spec.InteractionsPath }.OfType<string>());
            long rejected = (followStats?.Rejected ?? 0) + (interactionStats?.Rejected ?? 0);
            throw new CliInputException($"no accounts in the input: {files} hold{(files.Contains(" and ") ? "" : "s")} no rows" +
                (rejected > 0 ? $" that pass the row rules ({rejected} rejected)" : " (empty, or only a header, comments or blank lines)") + "; nothing to analyse.");
        }
        // Built after the interactions so accounts that only interact are nodes of the follow graph too.
        var buildClock = Stopwatch.StartNew();
        progress.Report("build follow graph", 0);
        DirectedGraph follows = builder.Build();
        builder = null!; // its edge buffers are garbage now; the analysis should not count them
        progress.Complete("build follow graph", $"{follows.EdgeCount:N0} distinct follows, {StageMemory.After(buildClock.Elapsed)}");
        return new LoadedInput(new InfluenceInput(ids, follows, log), followStats, interactionStats, clock.Elapsed);
    }

    /// <summary>Parquet when asked for, or when the format is left to detection and the file starts with the Parquet magic bytes.</summary>
    private static bool IsParquet(Stream stream, InputFormat format) =>
        format == InputFormat.Parquet || (format == InputFormat.Auto && InputStreams.IsParquet(stream));

    private static ReadStatistics ReadFile(string path, ProgressSink progress, CancellationToken cancellationToken,
        Func<Stream, string, IProgress<ReadProgress>, ReadStatistics> read)
    {
        string task = $"read {Path.GetFileName(path)}";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        long length = stream.Length;
        var clock = Stopwatch.StartNew();
        var report = new SyncProgress<ReadProgress>(p =>
            // Below 100 until the file is done: the final line (with the memory) is the Complete below, not the reader's last report.
            progress.Report(task, length > 0 && p.Bytes >= 0 ? Math.Min(99.9, 100.0 * p.Bytes / length) : 0, ProgressSink.Rate(p.Rows, clock.Elapsed)));
        progress.Report(task, 0);
        ReadStatistics stats = read(stream, path, report);
        cancellationToken.ThrowIfCancellationRequested();
        progress.Complete(task, ProgressSink.Rate(stats.Rows, clock.Elapsed) + (stats.Rejected > 0 ? $", {stats.Rejected} rejected" : "") +
            $", {StageMemory.Now()}");
        return stats;
    }
}

/// <summary><see cref="IProgress{T}"/> that calls back on the reporting thread (no synchronisation context hop).</summary>
public sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
