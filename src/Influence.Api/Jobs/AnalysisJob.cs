using Influence.Api.Contracts;
using Influence.Core.Model;
using Influence.Storage;

namespace Influence.Api.Jobs;

/// <summary>Live state of one analysis run executed by this process. Written by the worker, read by requests.</summary>
public sealed class AnalysisJob(DateTimeOffset startedAt)
{
    private readonly Lock _gate = new();
    private string _state = "queued";
    private double _percent;
    private string? _stage = "queued";
    private string? _error;
    private DateTimeOffset? _completedAt;
    private AnalysisSummary? _summary;

    private long _id;

    /// <summary>Run id in the store (0 until the store registered the run).</summary>
    public long Id => Interlocked.Read(ref _id);

    public DateTimeOffset StartedAt { get; private set; } = startedAt;

    /// <summary>Completes with the run id once the store registered the run (or fails when it could not).</summary>
    internal TaskCompletionSource<long> Registered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void SetRegistered(long id, DateTimeOffset startedAt)
    {
        if (Interlocked.CompareExchange(ref _id, id, 0) != 0) return;
        StartedAt = startedAt;
        Registered.TrySetResult(id);
    }

    /// <summary>Completes when the job ends (completed or failed).</summary>
    internal TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once completed or failed.</summary>
    public bool IsFinished { get { lock (_gate) return _state is "completed" or "failed"; } }

    internal void Report(string stage, double percent)
    {
        lock (_gate)
        {
            if (_state is "completed" or "failed") return;
            _state = "running";
            _stage = stage;
            // Progress never goes backwards, even when stages report out of order.
            _percent = Math.Clamp(Math.Max(_percent, percent), 0, 99.9);
        }
    }

    internal void Complete(AnalysisSummary summary, DateTimeOffset at)
    {
        lock (_gate)
        {
            _state = "completed";
            _stage = "done";
            _percent = 100;
            _summary = summary;
            _completedAt = at;
        }
        Finished.TrySetResult();
    }

    /// <param name="notRegistered">What a caller waiting for the run's id hears when the store did not register it.</param>
    internal void Fail(string error, DateTimeOffset at, InvalidOperationException? notRegistered = null)
    {
        Registered.TrySetException(notRegistered ?? new InvalidOperationException(error));
        lock (_gate)
        {
            _state = "failed";
            _error = error;
            _completedAt = at;
        }
        Finished.TrySetResult();
    }

    /// <summary>A consistent copy for the API.</summary>
    public JobDto ToDto()
    {
        lock (_gate) return new JobDto(Id, _state, Math.Round(_percent, 1), _stage, _error, StartedAt, _completedAt, _summary, RunLeases.CurrentOwner);
    }
}
