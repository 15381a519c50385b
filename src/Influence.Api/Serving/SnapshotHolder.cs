namespace Influence.Api.Serving;

/// <summary>
/// The snapshot requests read. Swapped atomically when a run completes, so a request sees either the
/// previous run or the new one, never a mix; readers keep the reference they took for the whole request.
/// </summary>
public sealed class SnapshotHolder
{
    private volatile AnalysisSnapshot? _current;

    /// <summary>The latest completed run, or null before the first one.</summary>
    public AnalysisSnapshot? Current => _current;

    /// <summary>Publishes <paramref name="snapshot"/> to every following request.</summary>
    public void Publish(AnalysisSnapshot snapshot) => _current = snapshot ?? throw new ArgumentNullException(nameof(snapshot));

    /// <summary>Publishes <paramref name="snapshot"/> only if <paramref name="expected"/> is still current (atomically);
    /// false when another snapshot was published meanwhile (e.g. this process's own run completed).</summary>
    public bool Replace(AnalysisSnapshot? expected, AnalysisSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ReferenceEquals(Interlocked.CompareExchange(ref _current, snapshot, expected), expected);
    }
}
