using Influence.Core.Model;
using Influence.Parquet;

namespace Influence.Api.Serving;

/// <summary>A table of the served run, written on demand to the response stream.</summary>
/// <param name="FileName">Download name, e.g. <c>run-7-accounts.parquet</c>.</param>
public sealed record TableDownload(string FileName, Func<Stream, CancellationToken, Task> WriteAsync);

/// <summary>The served run's tables as Parquet (the CLI's <c>--output-format parquet</c> files), streamed row group by row group.</summary>
public sealed class RunDownloads(SnapshotHolder snapshots)
{
    /// <summary>IANA media type of Parquet files.</summary>
    public const string ParquetMediaType = "application/vnd.apache.parquet";

    /// <summary>
    /// The accounts table of run <paramref name="runId"/>: one row per account, the columns of accounts.csv, typed
    /// (without the reasons prose when <paramref name="reasons"/> is false: most of the writing time).
    /// </summary>
    public QueryResult<TableDownload> Accounts(long runId, bool reasons = true) => Served(runId) is { } failure
        ? failure
        : Download(runId, "accounts", snapshots.Current!.Result, (result, stream, ct) =>
            ParquetResultWriter.WriteAccountsAsync(stream, result, cancellationToken: ct, reasons: reasons));

    /// <summary>The defenders table of run <paramref name="runId"/>: target, defender, strength.</summary>
    public QueryResult<TableDownload> Defenders(long runId) => Served(runId) is { } failure
        ? failure
        : Download(runId, "defenders", snapshots.Current!.Result, (result, stream, ct) =>
            ParquetResultWriter.WriteLinksAsync(stream, result.Defenders, result.AccountIds, cancellationToken: ct));

    private QueryFailure? Served(long runId) => snapshots.Current switch
    {
        null => QueryFailure.NotYet,
        { } snap when snap.Run.Id != runId => new QueryFailure.RunNotServed(runId, snap.Run.Id),
        _ => null,
    };

    // The result is taken now, so a run completing mid-download cannot mix two runs in one file.
    private static TableDownload Download(long runId, string table, InfluenceAnalysisResult result,
        Func<InfluenceAnalysisResult, Stream, CancellationToken, Task> write) =>
        new($"run-{runId}-{table}.parquet", (stream, ct) => write(result, stream, ct));
}
