using Influence.Core.Model;

namespace Influence.Core.IO;

/// <summary>Layout of an input file.</summary>
public enum InputFormat
{
    /// <summary>Decide from the file name (extension, <c>.gz</c> stripped) and the first significant line (<c>[</c> → JSON array).</summary>
    Auto,
    /// <summary>Delimited text with a header row; columns are found by name, in any order.</summary>
    Csv,
    /// <summary>One JSON object per line, keys named like the CSV columns.</summary>
    JsonLines,
    /// <summary>One JSON array of such objects (read whole: meant for request bodies and small files).</summary>
    JsonArray,
    /// <summary>SNAP-style edge list: no header, fields separated by spaces, tabs or commas, <c>#</c>/<c>%</c> comment lines.</summary>
    EdgeList,
    /// <summary>Apache Parquet (typed columns found by name; recognised by its magic bytes <c>PAR1</c>). Read by the
    /// Influence.Parquet readers, which apply <see cref="RowRules"/> like the text readers; the text readers refuse it.</summary>
    Parquet,
}

/// <summary>What a reader does with a malformed row.</summary>
public enum InvalidRowMode
{
    /// <summary>Throw <see cref="InputFormatException"/> at the first bad row.</summary>
    Strict,
    /// <summary>Report the row to <see cref="ReadOptions.OnInvalidRow"/> and continue.</summary>
    Skip,
}

/// <summary>Meaning of the third column of an interaction edge list.</summary>
public enum EdgeListThirdColumn
{
    /// <summary><c>src dst weight</c> (SNAP Higgs layers: a count).</summary>
    Weight,
    /// <summary><c>src dst unix_ts</c> (SNAP CollegeMsg: one event per line).</summary>
    Timestamp,
}

/// <summary>
/// How the follow and interaction readers interpret a file. Defaults: auto-detected format, strict,
/// comma-delimited CSV, standard column names (see <c>docs/cli.md</c> for the aliases).
/// </summary>
public sealed record ReadOptions
{
    /// <summary>Default <see cref="InputFormat.Auto"/>.</summary>
    public InputFormat Format { get; init; } = InputFormat.Auto;

    /// <summary>Default <see cref="InvalidRowMode.Strict"/>.</summary>
    public InvalidRowMode InvalidRows { get; init; } = InvalidRowMode.Strict;

    /// <summary>Called once per bad row in <see cref="InvalidRowMode.Skip"/> mode (may be null: rows are then only counted).</summary>
    public Action<RecordError>? OnInvalidRow { get; init; }

    /// <summary>Field delimiter of <see cref="InputFormat.Csv"/> files. Default <c>','</c>.</summary>
    public char CsvDelimiter { get; init; } = ',';

    /// <summary>Header name of the source column when it is not one of the standard names (e.g. <c>following</c>).</summary>
    public string? SourceColumn { get; init; }

    /// <summary>Header name of the target column when it is not one of the standard names (e.g. <c>followed</c>).</summary>
    public string? TargetColumn { get; init; }

    /// <summary>Kind of every interaction in an edge list without a kind column (required for 2- and 3-column edge lists).</summary>
    public InteractionKind? EdgeListKind { get; init; }

    /// <summary>Meaning of the third column of a 3-column interaction edge list. Default <see cref="EdgeListThirdColumn.Weight"/>.</summary>
    public EdgeListThirdColumn EdgeListThirdColumn { get; init; } = EdgeListThirdColumn.Weight;

    /// <summary>
    /// Applies <see cref="InvalidRows"/> to a bad row: throws <see cref="InputFormatException"/> in strict mode, otherwise
    /// calls <see cref="OnInvalidRow"/>. Every reader (text or columnar) reports bad rows through this.
    /// </summary>
    public void Report(RecordError error)
    {
        if (InvalidRows == InvalidRowMode.Strict) throw new InputFormatException(error);
        OnInvalidRow?.Invoke(error);
    }

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Format)) throw new ArgumentException($"Unknown input format {(int)Format}.", nameof(Format));
        if (!Enum.IsDefined(InvalidRows)) throw new ArgumentException($"Unknown invalid-row mode {(int)InvalidRows}.", nameof(InvalidRows));
        if (CsvDelimiter is '"' or '\r' or '\n')
            throw new ArgumentException($"CSV delimiter cannot be a quote or a line break (got U+{(int)CsvDelimiter:X4}).", nameof(CsvDelimiter));
        if (EdgeListKind is { } kind && !Enum.IsDefined(kind))
            throw new ArgumentException($"Unknown interaction kind {(int)kind} for edge lists.", nameof(EdgeListKind));
        if (!Enum.IsDefined(EdgeListThirdColumn))
            throw new ArgumentException($"Unknown edge-list third column meaning {(int)EdgeListThirdColumn}.", nameof(EdgeListThirdColumn));
        if (SourceColumn is { } s && string.IsNullOrWhiteSpace(s)) throw new ArgumentException("Source column name is blank.", nameof(SourceColumn));
        if (TargetColumn is { } t && string.IsNullOrWhiteSpace(t)) throw new ArgumentException("Target column name is blank.", nameof(TargetColumn));
    }
}

/// <summary>What one read did: the format it settled on and how many lines/rows it saw.</summary>
/// <param name="Format">The resolved format (never <see cref="InputFormat.Auto"/> once a line was read).</param>
/// <param name="Compressed">The input was gzip (detected by its magic bytes).</param>
/// <param name="Lines">Physical lines read, header and comments included (Parquet: rows read).</param>
/// <param name="Rows">Rows accepted.</param>
/// <param name="Rejected">Rows rejected in skip mode.</param>
public sealed record ReadStatistics(InputFormat Format, bool Compressed, long Lines, long Rows, long Rejected);

/// <summary>Progress of a bulk load: rows accepted so far and bytes consumed from the stream handed in (-1 when not seekable).</summary>
public readonly record struct ReadProgress(long Rows, long Bytes);
