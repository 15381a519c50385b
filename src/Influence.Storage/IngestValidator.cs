using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Storage;

/// <summary>
/// Checks records before any store writes them. Shared by every store and by the <see cref="Importer"/>
/// (which validates a whole file with it before writing anything), so a record accepted here is never
/// rejected later by a store.
/// </summary>
/// <remarks>
/// Rules: ids non-empty, not only whitespace, at most <see cref="MaxIdLength"/> characters;
/// interaction kind one of the defined kinds; weight finite and &gt; 0; stance, when known, finite and
/// in [-1, 1]; timestamps not equal to <see cref="long.MinValue"/> (reserved for "unknown").
/// Errors name the list (<c>follows</c>, <c>unfollows</c>, <c>interactions</c>) as the file and the
/// 1-based position in that list as the line.
/// </remarks>
public static class IngestValidator
{
    /// <summary>Longest accepted account id, in UTF-16 characters.</summary>
    public const int MaxIdLength = 512;

    /// <summary>Every invalid record of the batch (empty when all are valid).</summary>
    public static IReadOnlyList<RecordError> Validate(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        List<RecordError>? errors = null;
        for (int i = 0; i < batch.Follows.Count; i++)
        {
            var f = batch.Follows[i];
            if (Check(f.Source, f.Target, f.Since, "since") is { } e)
                (errors ??= []).Add(new RecordError("follows", i + 1, e.Field, e.Reason));
        }
        for (int i = 0; i < batch.Unfollows.Count; i++)
        {
            var u = batch.Unfollows[i];
            if (Check(u.Source, u.Target, u.At, "at") is { } e)
                (errors ??= []).Add(new RecordError("unfollows", i + 1, e.Field, e.Reason));
        }
        for (int i = 0; i < batch.Interactions.Count; i++)
        {
            if (Check(batch.Interactions[i]) is { } e)
                (errors ??= []).Add(new RecordError("interactions", i + 1, e.Field, e.Reason));
        }
        return errors ?? (IReadOnlyList<RecordError>)[];
    }

    /// <summary>Why a follow is invalid, or null when it is valid.</summary>
    public static (string Field, string Reason)? Check(in FollowRecord record) =>
        Check(record.Source, record.Target, record.Since, "since");

    /// <summary>Why an unfollow is invalid, or null when it is valid.</summary>
    public static (string Field, string Reason)? Check(in UnfollowRecord record) =>
        Check(record.Source, record.Target, record.At, "at");

    /// <summary>Why an interaction is invalid, or null when it is valid.</summary>
    public static (string Field, string Reason)? Check(in InteractionRecord record)
    {
        if (Check(record.Source, record.Target, record.Timestamp, "timestamp") is { } e) return e;
        if (!Enum.IsDefined(record.Kind))
            return ("kind", $"unknown kind {(int)record.Kind}; valid: reply, mention, share, quote, comment, like");
        if (!double.IsFinite(record.Weight) || record.Weight <= 0)
            return ("weight", $"weight must be a finite number > 0, got {record.Weight}");
        if (record.Stance is double s && (!double.IsFinite(s) || s < -1 || s > 1))
            return ("stance", $"stance must be in [-1, 1], got {s}");
        return null;
    }

    private static (string Field, string Reason)? Check(string? source, string? target, long? time, string timeField)
    {
        if (CheckId(source) is { } s) return ("source", s);
        if (CheckId(target) is { } t) return ("target", t);
        if (time == long.MinValue) return (timeField, $"{long.MinValue} is reserved for an unknown time");
        return null;
    }

    private static string? CheckId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return "empty account id";
        if (id.Length > MaxIdLength) return $"account id longer than {MaxIdLength} characters ({id.Length})";
        return null;
    }
}
