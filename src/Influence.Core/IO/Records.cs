using Influence.Core.Model;

namespace Influence.Core.IO;

/// <summary>One follow: <paramref name="Source"/> follows <paramref name="Target"/>; <paramref name="Since"/> in Unix seconds when known.</summary>
public readonly record struct FollowRecord(string Source, string Target, long? Since = null);

/// <summary>A follow that ended at <paramref name="At"/> (Unix seconds) when known.</summary>
public readonly record struct UnfollowRecord(string Source, string Target, long? At = null);

/// <summary>One interaction: <paramref name="Source"/> acted on <paramref name="Target"/>.</summary>
/// <param name="Timestamp">Unix seconds, null when unknown.</param>
/// <param name="Weight">Positive count (aggregated data), default 1.</param>
/// <param name="Stance">In [-1, 1]: supportive &gt; 0, critical &lt; 0; null when unknown.</param>
public readonly record struct InteractionRecord(string Source, string Target, InteractionKind Kind,
    long? Timestamp = null, double Weight = 1.0, double? Stance = null);

/// <summary>Where and why an input row is bad.</summary>
/// <param name="File">File name (or "request body").</param>
/// <param name="Line">1-based physical line number (of the element's start in a JSON array).</param>
/// <param name="Field">Column name, when one field is at fault.</param>
/// <param name="RawLine">A short escaped excerpt of the line (see <see cref="RowRules.Excerpt"/>).</param>
/// <param name="Item">0-based element index when the input is a JSON array.</param>
/// <remarks>In a columnar file (Parquet) <paramref name="Line"/> is the 1-based row of the file and <see cref="RowGroup"/> says where it sits.</remarks>
public sealed record RecordError(string File, long Line, string? Field, string Reason, string? RawLine = null, long? Item = null)
{
    /// <summary>Columnar files: the 1-based row group holding the row, and the row's 1-based position in it.</summary>
    public (int Group, long Row)? RowGroup { get; init; }

    /// <summary>Header of a rejects file (CLI <c>--skip-invalid</c>, importer): one row per <see cref="ToCsvRow"/>.</summary>
    public const string CsvHeader = "file,line,field,reason,raw_line";

    public override string ToString() => RowGroup is { } g
        ? $"{File}: row {Line} (row group {g.Group}, row {g.Row} of the group): {(Field is null ? "" : $"column '{Field}': ")}{Reason}"
        : Line == 0 // a problem of the whole file (columnar files: its schema or footer)
            ? $"{File}: {(Field is null ? "" : $"column '{Field}': ")}{Reason}"
            : $"{File}:{Line}{(Item is { } item ? $" [{item}]" : "")}: {(Field is null ? "" : $"field '{Field}': ")}{Reason}";

    /// <summary>This error as one RFC 4180 row under <see cref="CsvHeader"/>.</summary>
    public string ToCsvRow() =>
        string.Join(',', Csv.Escape(File), Csv.Number(Line), Csv.Escape(Field ?? ""), Csv.Escape(Reason), Csv.Escape(RawLine ?? ""));
}

/// <summary>Thrown in strict mode at the first bad row.</summary>
public sealed class InputFormatException(RecordError error) : Exception(error.ToString())
{
    public RecordError Error { get; } = error;
}
