using Influence.Api.Contracts;
using Influence.Api.Serving;
using Influence.Storage;

namespace Influence.Api.Jobs;

/// <summary>Runs as callers see them: the live job's progress when this process runs it, else the store's record.</summary>
public sealed class RunQueries(AnalysisJobs jobs, IInfluenceStore store)
{
    public async Task<QueryResult<JobDto>> GetAsync(long id, CancellationToken cancellationToken)
    {
        if (jobs.Find(id) is { } job) return job.ToDto();
        foreach (RunInfo run in await store.ListRunsAsync(cancellationToken))
            if (run.Id == id) return FromStore(run);
        return new QueryFailure.UnknownRun(id);
    }

    /// <summary>Newest first.</summary>
    public async Task<List<JobDto>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<RunInfo> runs = await store.ListRunsAsync(cancellationToken);
        var list = new List<JobDto>(runs.Count);
        foreach (RunInfo run in runs) list.Add(jobs.Find(run.Id) is { } live ? live.ToDto() : FromStore(run));
        return list;
    }

    private static JobDto FromStore(RunInfo run) => new(run.Id, run.State,
        run.State == "completed" ? 100 : 0,
        run.State == "completed" ? "done" : null,
        run.State == "failed" ? run.Error ?? "The run failed (see the service log)." : null,
        run.StartedAt, run.CompletedAt, run.Summary, run.Owner, run.State == "running" ? run.LeaseExpiresAt : null);
}
