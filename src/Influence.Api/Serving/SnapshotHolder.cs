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
}
