using System.Collections.Concurrent;
using Influence.Api.Contracts;
using Influence.Api.Serving;

namespace Influence.Api.Jobs;

/// <summary>
/// Campaign plans of large scopes (and every spread plan) computed in the background, one at a time (the machine's
/// cores belong to the requests and the analysis runs), with progress. Plans live in memory only: the last
/// <see cref="Kept"/> are kept; a restart forgets them (they are recomputed on request, deterministically).
/// </summary>
public sealed class CampaignPlanJobs(IHostApplicationLifetime lifetime, TimeProvider time, ILogger<CampaignPlanJobs> log)
{
    private const int Kept = 100;
    private readonly ConcurrentDictionary<string, PlanJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private long _next;

    /// <summary>Queues <paramref name="query"/>; the job's id names it at /api/v1/campaigns/plans/{id}.</summary>
    public CampaignPlanJobDto Start(CampaignPlanQuery query)
    {
        string id = $"p{Interlocked.Increment(ref _next)}";
        var job = new PlanJob(id, time.GetUtcNow());
        _jobs[id] = job;
        Forget();
        _ = Task.Run(() => RunAsync(job, query));
        return job.ToDto();
    }

    /// <summary>The job's state, progress and (once completed) plan.</summary>
    public CampaignPlanJobDto? Get(string id) => _jobs.TryGetValue(id, out PlanJob? job) ? job.ToDto() : null;

    private async Task RunAsync(PlanJob job, CampaignPlanQuery query)
    {
        CancellationToken stopping = lifetime.ApplicationStopping;
        try
        {
            await _oneAtATime.WaitAsync(stopping);
            try
            {
                job.Report(0);
                CampaignPlanDto plan = CampaignQueries.Run(query, new Progress(job), stopping);
                job.Complete(plan, time.GetUtcNow());
            }
            finally { _oneAtATime.Release(); }
        }
        catch (OperationCanceledException) { job.Fail("cancelled", "the service is stopping", time.GetUtcNow()); }
        catch (Exception ex) // a background job has no caller to throw to: the failure is its answer
        {
            log.LogWarning(ex, "Campaign plan {Id} failed", job.Id);
            job.Fail("failed", ex.Message, time.GetUtcNow());
        }
    }

    /// <summary>Drops the oldest finished jobs beyond <see cref="Kept"/>.</summary>
    private void Forget()
    {
        if (_jobs.Count <= Kept) return;
        foreach (PlanJob old in _jobs.Values.Where(j => j.IsFinished).OrderBy(j => j.StartedAt).Take(_jobs.Count - Kept).ToArray())
            _jobs.TryRemove(old.Id, out _);
    }

    private sealed class Progress(PlanJob job) : IProgress<double>
    {
        public void Report(double value) => job.Report(value);
    }

    private sealed class PlanJob(string id, DateTimeOffset startedAt)
    {
        private readonly Lock _gate = new();
        private string _state = "queued";
        private double _percent;
        private string? _error;
        private DateTimeOffset? _completedAt;
        private CampaignPlanDto? _plan;

        public string Id => id;
        public DateTimeOffset StartedAt => startedAt;
        public bool IsFinished { get { lock (_gate) return _completedAt is not null; } }

        public void Report(double fraction)
        {
            lock (_gate)
            {
                if (_completedAt is not null) return;
                _state = "running";
                _percent = Math.Clamp(Math.Max(_percent, 100 * fraction), 0, 99.9);
            }
        }

        public void Complete(CampaignPlanDto plan, DateTimeOffset at)
        {
            lock (_gate) { _state = "completed"; _percent = 100; _plan = plan; _completedAt = at; }
        }

        public void Fail(string state, string error, DateTimeOffset at)
        {
            lock (_gate) { _state = state; _error = error; _completedAt = at; }
        }

        public CampaignPlanJobDto ToDto()
        {
            lock (_gate) return new CampaignPlanJobDto(id, _state, Math.Round(_percent, 1), _error, startedAt, _completedAt, _plan);
        }
    }
}
