using Influence.Core.IO;

namespace Influence.Storage;

/// <summary>
/// Checks an ingest batch before a store writes it, with <see cref="RowRules"/>: the same rules the
/// readers apply to every file and request body, so a row the readers accept is never refused here and a
/// record built by other code gets the same verdict.
/// </summary>
/// <remarks>
/// Errors name the list (<c>follows</c>, <c>unfollows</c>, <c>interactions</c>) as the file and the
/// 1-based position in that list as the line.
/// </remarks>
public static class IngestValidator
{
    /// <summary>Every invalid record of the batch (empty when all are valid).</summary>
    public static IReadOnlyList<RecordError> Validate(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        List<RecordError>? errors = null;
        for (int i = 0; i < batch.Follows.Count; i++)
            Add(ref errors, "follows", i, RowRules.Check(batch.Follows[i]));
        for (int i = 0; i < batch.Unfollows.Count; i++)
            Add(ref errors, "unfollows", i, RowRules.Check(batch.Unfollows[i]));
        for (int i = 0; i < batch.Interactions.Count; i++)
            Add(ref errors, "interactions", i, RowRules.Check(batch.Interactions[i]));
        return errors ?? (IReadOnlyList<RecordError>)[];
    }

    /// <summary>
    /// What every store does first with a batch: refuses it whole (<see cref="StoreValidationException"/> with
    /// every invalid record) before anything is written; returns false when it holds no rows (nothing to write:
    /// the store answers <see cref="IngestResult.None"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="StoreValidationException">At least one record breaks <see cref="RowRules"/>.</exception>
    public static bool HasRowsToWrite(IngestBatch batch)
    {
        var errors = Validate(batch);
        if (errors.Count > 0) throw new StoreValidationException(errors);
        return batch.Count > 0;
    }

    private static void Add(ref List<RecordError>? errors, string list, int index, (string Field, string Reason)? problem)
    {
        if (problem is { } p) (errors ??= []).Add(new RecordError(list, index + 1, p.Field, p.Reason));
    }
}
