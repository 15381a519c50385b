using System.Diagnostics;
using System.Globalization;
using System.Text;
using Influence.Core.IO;

namespace Influence.Storage;

/// <summary>What to import. At least one path is required.</summary>
/// <remarks>
/// Formats (CSV with header, JSON Lines, SNAP edge lists, any of them gzip) are detected by the readers in
/// <c>Influence.Core.IO</c>; <see cref="FollowOptions"/> / <see cref="InteractionOptions"/> override the
/// detection, column names or the kind of an edge list. Their <c>InvalidRows</c> and <c>OnInvalidRow</c>
/// are ignored: <see cref="SkipInvalid"/> decides. An unfollow file has the follow layout
/// (<c>source,target[,since]</c>; the time column is when the follow ended) and is read with
/// <see cref="FollowOptions"/>.
/// </remarks>
public sealed record ImportRequest
{
    /// <summary>Follows file (<c>source</c> follows <c>target</c>).</summary>
    public string? FollowsPath { get; init; }

    /// <summary>Unfollows file: each row ends the follow <c>source → target</c>.</summary>
    public string? UnfollowsPath { get; init; }

    /// <summary>Interactions file.</summary>
    public string? InteractionsPath { get; init; }

    /// <summary>Reader options for the follows and unfollows files. Default: auto-detected format.</summary>
    public ReadOptions FollowOptions { get; init; } = new();

    /// <summary>Reader options for the interactions file (e.g. <c>EdgeListKind</c> for SNAP layers).</summary>
    public ReadOptions InteractionOptions { get; init; } = new();

    /// <summary>
    /// False (default, strict): the first bad row fails the import and nothing of it is stored.
    /// True: good rows are stored, bad rows are written with their reasons to <see cref="RejectsPath"/>.
    /// </summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Where bad rows go in skip mode (CSV under <see cref="RecordError.CsvHeader"/>); null = only counted.</summary>
    public string? RejectsPath { get; init; }

    /// <summary>Rows per store transaction, 1..1,000,000. Default <see cref="Importer.DefaultBatchSize"/>.</summary>
    public int BatchSize { get; init; } = Importer.DefaultBatchSize;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (FollowsPath is null && UnfollowsPath is null && InteractionsPath is null)
            throw new ArgumentException("Nothing to import: give a follows, unfollows or interactions file.");
        foreach (var (name, path) in Files())
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"The {name} path is blank.");
        }
        if (BatchSize is < 1 or > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Batch size must be in 1..1,000,000.");
        if (RejectsPath is not null && !SkipInvalid)
            throw new ArgumentException("A rejects file only makes sense with SkipInvalid (strict imports stop at the first bad row).", nameof(RejectsPath));
        ArgumentNullException.ThrowIfNull(FollowOptions);
        ArgumentNullException.ThrowIfNull(InteractionOptions);
        FollowOptions.Validate();
        InteractionOptions.Validate();
    }

    internal IEnumerable<(string Name, string Path)> Files()
    {
        if (FollowsPath is not null) yield return ("follows", FollowsPath);
        if (UnfollowsPath is not null) yield return ("unfollows", UnfollowsPath);
        if (InteractionsPath is not null) yield return ("interactions", InteractionsPath);
    }
}

/// <summary>Progress of an import, reported after every batch (and every batch-size rows while validating).</summary>
/// <param name="Phase"><c>validate</c> (strict mode's first pass) or <c>write</c>.</param>
/// <param name="File">The file being read.</param>
/// <param name="Rows">Rows read so far in this phase, over all files.</param>
/// <param name="RowsPerSecond">Rows per second in this phase so far.</param>
/// <param name="Rejected">Rows rejected so far (skip mode).</param>
public readonly record struct ImportProgress(string Phase, string File, long Rows, double RowsPerSecond, long Rejected);

/// <summary>What an import changed. Counts are summed over the store's <see cref="IngestResult"/>s.</summary>
/// <param name="RowsRead">Rows read from the files (accepted + rejected).</param>
/// <param name="FirstRejects">Up to 20 of the rejected rows, for display.</param>
public sealed record ImportResult(long RowsRead, long FollowsAdded, long Unfollowed, long InteractionsAdded, long Unchanged,
    long Rejected, string? RejectsPath, IReadOnlyList<RecordError> FirstRejects, TimeSpan Elapsed);

/// <summary>
/// Imports follow, unfollow and interaction files into any <see cref="IInfluenceStore"/> in batches.
/// </summary>
/// <remarks>
/// <para><b>Strict (default)</b>: every file is read and validated completely first (the readers apply
/// <see cref="RowRules"/>); the first bad row throws <see cref="InputFormatException"/> naming
/// file, line, field and reason, before anything is written. Only then are the rows written, batch by
/// batch. So a bad file stores nothing, and data stored before is never touched. Cost: each file is
/// read twice (reading is several times faster than writing). If the write pass itself is interrupted
/// (cancellation, disk full) the batches committed so far stay; re-running the same import completes
/// it without duplicates, because ingest is idempotent.</para>
/// <para><b>SkipInvalid</b>: one pass; bad rows are written to the rejects file with their reasons, the
/// good ones are stored. File-level problems (a header without the required columns, an edge list of
/// interactions without a kind) still throw, and are looked for in every file before anything is written.</para>
/// Files are imported in the order follows, unfollows, interactions. Missing files throw
/// <see cref="FileNotFoundException"/> before anything is read.
/// <para>A binary format (Parquet) is read by <c>binaryFormat</c> when the front end hands one in and the file is of
/// it (by <see cref="ReadOptions.Format"/> or content), with the same records and rules. In skip mode such a file is
/// read through once before anything is written, so damage in a late row group stores nothing.</para>
/// </remarks>
public sealed class Importer(IInfluenceStore store, IBinaryRowFormat? binaryFormat = null)
{
    /// <summary>Rows per store transaction unless the request says otherwise.</summary>
    /// <remarks>
    /// 200,000: a transaction rewrites every B-tree page it touches, and a batch spread over the whole key range
    /// touches most of the follows table, so fewer, larger batches write far less (measured on 2M follows:
    /// 291k follows per CPU-second at 200k rows per batch against 225k at 50k; see docs/performance-storage.md).
    /// About 40 MB of records in memory per batch.
    /// </remarks>
    public const int DefaultBatchSize = 200_000;

    private const int MaxRejectsKept = 20;

    private readonly IInfluenceStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Runs the import described by <paramref name="request"/>.</summary>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    /// <exception cref="FileNotFoundException">An input file does not exist.</exception>
    /// <exception cref="InputFormatException">Strict mode: a bad row (nothing was stored).</exception>
    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        foreach (var (name, path) in request.Files())
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"The {name} file '{path}' does not exist.", path);
        }

        var clock = Stopwatch.StartNew();
        var tally = new Tally();
        if (!request.SkipInvalid)
        {
            var validation = new PhaseCounter("validate", progress, request.BatchSize);
            foreach (var (kind, path) in request.Files())
            {
                foreach (var _ in ReadValid(kind, path, request, validation, onReject: null, cancellationToken)) { }
                validation.Report(path, force: true);
            }
            var write = new PhaseCounter("write", progress, request.BatchSize);
            foreach (var (kind, path) in request.Files())
                await WriteAsync(kind, path, request, write, tally, onReject: null, cancellationToken).ConfigureAwait(false);
            tally.RowsRead = write.Rows;
            return tally.ToResult(null, clock.Elapsed);
        }

        // A file-level problem (unreadable header, edge list without a kind, a truncated or corrupt gzip
        // file) throws even in skip mode: find it before the first file is written, so a failing import
        // stores nothing.
        foreach (var (kind, path) in request.Files())
        {
            bool binary;
            using (FileStream whole = OpenRead(path))
            {
                binary = IsBinary(whole, OptionsFor(kind, request));
                if (!binary && InputStreams.FindGzipDamage(whole, out long lines) is { } damage)
                    throw new InputFormatException(new RecordError(path, lines + 1, null,
                        $"corrupt or truncated gzip data after line {lines}: {damage} Nothing was stored."));
            }
            var probe = new PhaseCounter("probe", null, request.BatchSize);
            foreach (var _ in ReadValid(kind, path, request, probe, onReject: static _ => { }, cancellationToken))
                if (!binary) break; // text: the first row proves the header; binary: every row group is decoded
        }

        StreamWriter? rejects = null;
        try
        {
            if (request.RejectsPath is not null)
            {
                string? directory = Path.GetDirectoryName(Path.GetFullPath(request.RejectsPath));
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                rejects = new StreamWriter(request.RejectsPath, append: false, new UTF8Encoding(false));
                await rejects.WriteLineAsync(RecordError.CsvHeader).ConfigureAwait(false);
            }
            var counter = new PhaseCounter("write", progress, request.BatchSize);
            void OnReject(RecordError error)
            {
                tally.Rejected++;
                counter.Rejected++;
                if (tally.FirstRejects.Count < MaxRejectsKept) tally.FirstRejects.Add(error);
                rejects?.WriteLine(error.ToCsvRow());
            }
            foreach (var (kind, path) in request.Files())
                await WriteAsync(kind, path, request, counter, tally, OnReject, cancellationToken).ConfigureAwait(false);
            tally.RowsRead = counter.Rows + tally.Rejected;
        }
        finally
        {
            if (rejects is not null) await rejects.DisposeAsync().ConfigureAwait(false);
        }
        return tally.ToResult(request.RejectsPath, clock.Elapsed);
    }

    private async Task WriteAsync(string kind, string path, ImportRequest request, PhaseCounter counter, Tally tally,
        Action<RecordError>? onReject, CancellationToken ct)
    {
        int size = request.BatchSize;
        var follows = new List<FollowRecord>(kind == "follows" ? size : 0);
        var unfollows = new List<UnfollowRecord>(kind == "unfollows" ? size : 0);
        var interactions = new List<InteractionRecord>(kind == "interactions" ? size : 0);
        foreach (object record in ReadValid(kind, path, request, counter, onReject, ct))
        {
            switch (record)
            {
                case FollowRecord f: follows.Add(f); break;
                case UnfollowRecord u: unfollows.Add(u); break;
                case InteractionRecord i: interactions.Add(i); break;
            }
            if (follows.Count + unfollows.Count + interactions.Count >= size)
            {
                tally.Add(await _store.IngestAsync(new IngestBatch(follows, unfollows, interactions), ct).ConfigureAwait(false));
                follows.Clear();
                unfollows.Clear();
                interactions.Clear();
                counter.Report(path, force: true);
            }
        }
        if (follows.Count + unfollows.Count + interactions.Count > 0)
            tally.Add(await _store.IngestAsync(new IngestBatch(follows, unfollows, interactions), ct).ConfigureAwait(false));
        counter.Report(path, force: true);
    }

    /// <summary>
    /// The valid records of one file, boxed (one allocation per row is small next to the strings and the
    /// database write). The readers apply <see cref="RowRules"/>, the same rules the store checks, so a
    /// record they yield is never refused by the store. Bad rows throw (strict) or go to
    /// <paramref name="onReject"/> (skip).
    /// </summary>
    private IEnumerable<object> ReadValid(string kind, string path, ImportRequest request, PhaseCounter counter,
        Action<RecordError>? onReject, CancellationToken ct)
    {
        var mode = onReject is null ? InvalidRowMode.Strict : InvalidRowMode.Skip;
        using var stream = OpenRead(path);
        var options = OptionsFor(kind, request) with { InvalidRows = mode, OnInvalidRow = onReject };
        IEnumerable<object> records = IsBinary(stream, options)
            ? kind switch
            {
                "interactions" => binaryFormat!.ReadInteractions(stream, path, options).Select(static r => (object)r),
                "unfollows" => binaryFormat!.ReadUnfollows(stream, path, options).Select(static r => (object)r),
                _ => binaryFormat!.ReadFollows(stream, path, options).Select(static r => (object)r),
            }
            : kind switch
            {
                "interactions" => InteractionReader.Read(stream, path, options).Select(static r => (object)r),
                "unfollows" => FollowReader.ReadUnfollows(stream, path, options).Select(static r => (object)r),
                _ => FollowReader.Read(stream, path, options).Select(static r => (object)r),
            };
        foreach (object record in records)
        {
            counter.Count(path, ct);
            yield return record;
        }
    }

    private static ReadOptions OptionsFor(string kind, ImportRequest request) =>
        kind == "interactions" ? request.InteractionOptions : request.FollowOptions;

    private bool IsBinary(Stream stream, ReadOptions options) => binaryFormat is not null && binaryFormat.Matches(stream, options);

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    private sealed class Tally
    {
        public long RowsRead, FollowsAdded, Unfollowed, InteractionsAdded, Unchanged, Rejected;
        public readonly List<RecordError> FirstRejects = [];

        public void Add(IngestResult r)
        {
            FollowsAdded += r.FollowsAdded;
            Unfollowed += r.Unfollowed;
            InteractionsAdded += r.InteractionsAdded;
            Unchanged += r.Unchanged;
        }

        public ImportResult ToResult(string? rejectsPath, TimeSpan elapsed) =>
            new(RowsRead, FollowsAdded, Unfollowed, InteractionsAdded, Unchanged, Rejected, rejectsPath, FirstRejects, elapsed);
    }

    /// <summary>Counts rows of one phase and reports progress every <c>every</c> rows.</summary>
    private sealed class PhaseCounter(string phase, IProgress<ImportProgress>? progress, int every)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastReported = -1;
        public long Rows;
        public long Rejected;

        public void Count(string file, CancellationToken ct)
        {
            Rows++;
            if (Rows % every == 0)
            {
                ct.ThrowIfCancellationRequested();
                if (phase == "validate") Report(file, force: true);
            }
        }

        public void Report(string file, bool force)
        {
            if (progress is null || (!force && Rows == _lastReported)) return;
            _lastReported = Rows;
            double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-6);
            progress.Report(new ImportProgress(phase, file, Rows, Rows / seconds, Rejected));
        }
    }
}
