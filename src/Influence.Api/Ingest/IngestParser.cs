using Influence.Core.IO;
using Influence.Parquet;

namespace Influence.Api.Ingest;

/// <summary>What an ingest endpoint receives.</summary>
public enum IngestKind { Follows, Unfollows, Interactions }

/// <summary>Body formats the ingest endpoints accept.</summary>
public enum IngestFormat { JsonArray, JsonLines, Csv, Parquet }

/// <summary>One bad row: where (key such as <c>[3].target</c> or <c>line 4.kind</c>) and why.</summary>
public sealed record IngestError(string Key, string Reason);

/// <summary>The rows of one body, or the reasons they were refused (all-or-nothing: any error = nothing stored).</summary>
public sealed class IngestParseResult
{
    public List<FollowRecord> Follows { get; } = [];
    public List<UnfollowRecord> Unfollows { get; } = [];
    public List<InteractionRecord> Interactions { get; } = [];
    public List<IngestError> Errors { get; } = [];
    /// <summary>Errors beyond <see cref="IngestParser.MaxReportedErrors"/> (counted, not listed).</summary>
    public int MoreErrors { get; set; }
    /// <summary>True when the body held more rows than allowed (parsing stopped).</summary>
    public bool TooManyRows { get; set; }
    public int Rows => Follows.Count + Unfollows.Count + Interactions.Count;

    internal void Error(string key, string reason)
    {
        if (Errors.Count < IngestParser.MaxReportedErrors) Errors.Add(new IngestError(key, reason));
        else MoreErrors++;
    }
}

/// <summary>
/// Parses ingest bodies with the readers the CLI and the importer use (<see cref="FollowReader"/>,
/// <see cref="InteractionReader"/>, rules in <see cref="RowRules"/>): a JSON array of objects, JSON Lines or
/// CSV with a header, same column names and aliases, same verdict for the same row; or a Parquet file
/// (<see cref="ParquetRecords"/>: the same columns and rules). Read in skip mode so every bad row is reported; nothing
/// is returned for storing when any row is bad.
/// </summary>
public static class IngestParser
{
    /// <summary>Bad rows listed in one answer; the rest are counted.</summary>
    public const int MaxReportedErrors = 1000;

    /// <summary>Name the readers use for the body in their messages.</summary>
    public const string BodyName = "request body";

    /// <summary>Parquet's media type (<c>application/octet-stream</c> and <c>application/x-parquet</c> are taken as Parquet too).</summary>
    public const string ParquetMediaType = "application/vnd.apache.parquet";

    /// <summary>
    /// The body's format: Parquet when it starts with Parquet's magic bytes (whatever the Content-Type says: no JSON or
    /// CSV body starts so), else from the Content-Type header (JSON when absent); null when the type is not accepted.
    /// </summary>
    public static IngestFormat? FormatOf(string? contentType, ReadOnlySpan<byte> body) =>
        body.StartsWith(InputStreams.ParquetMagic) ? IngestFormat.Parquet : FormatOf(contentType);

    /// <summary>Picks the format from the Content-Type header (JSON when absent).</summary>
    public static IngestFormat? FormatOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return IngestFormat.JsonArray;
        string media = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return media switch
        {
            "application/json" or "text/json" => IngestFormat.JsonArray,
            "application/x-ndjson" or "application/jsonl" or "application/json-lines" or "application/x-jsonlines" or "application/jsonlines" => IngestFormat.JsonLines,
            "text/csv" or "application/csv" => IngestFormat.Csv,
            ParquetMediaType or "application/x-parquet" or "application/octet-stream" => IngestFormat.Parquet,
            _ => null,
        };
    }

    public static IngestParseResult Parse(byte[] body, IngestKind kind, IngestFormat format, int maxRows)
    {
        var result = new IngestParseResult();
        var options = new ReadOptions
        {
            Format = format switch
            {
                IngestFormat.Csv => InputFormat.Csv,
                IngestFormat.JsonLines => InputFormat.JsonLines,
                IngestFormat.Parquet => InputFormat.Parquet,
                _ => InputFormat.JsonArray,
            },
            InvalidRows = InvalidRowMode.Skip,
            OnInvalidRow = e => result.Error(Key(e), e.Reason),
        };
        using var stream = new MemoryStream(body, writable: false);
        try
        {
            IBinaryRowFormat? binary = format == IngestFormat.Parquet ? ParquetRecords.Instance : null;
            switch (kind)
            {
                case IngestKind.Follows:
                    Collect(binary?.ReadFollows(stream, BodyName, options) ?? FollowReader.Read(stream, BodyName, options), result.Follows, result, maxRows);
                    break;
                case IngestKind.Unfollows:
                    Collect(binary?.ReadUnfollows(stream, BodyName, options) ?? FollowReader.ReadUnfollows(stream, BodyName, options), result.Unfollows, result, maxRows);
                    break;
                default:
                    Collect(binary?.ReadInteractions(stream, BodyName, options) ?? InteractionReader.Read(stream, BodyName, options), result.Interactions, result, maxRows);
                    break;
            }
        }
        catch (InputFormatException ex)
        {
            // A bad header or an unreadable body stops the readers in every mode.
            result.Error((format is IngestFormat.JsonArray or IngestFormat.Parquet && ex.Error.Item is null && ex.Error.Line == 0) || format == IngestFormat.JsonArray && ex.Error.Item is null
                ? "body" : Key(ex.Error), ex.Error.Reason);
        }
        if (result.Rows + result.Errors.Count + result.MoreErrors > maxRows) result.TooManyRows = true;
        return result;
    }

    private static void Collect<T>(IEnumerable<T> records, List<T> into, IngestParseResult result, int maxRows)
    {
        foreach (T record in records)
        {
            if (result.Rows >= maxRows)
            {
                result.TooManyRows = true;
                return;
            }
            into.Add(record);
        }
    }

    /// <summary><c>[3].field</c> for a JSON array element, <c>row 4.field</c> for a Parquet row (1-based in the file), <c>line 4.field</c> otherwise.</summary>
    private static string Key(RecordError e)
    {
        string row = e.Item is { } item ? $"[{item}]" : e.RowGroup is not null ? $"row {e.Line}" : $"line {e.Line}";
        return e.Field is null ? row : $"{row}.{e.Field}";
    }
}
