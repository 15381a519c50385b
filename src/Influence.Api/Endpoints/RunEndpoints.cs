using Influence.Api.Contracts;
using Influence.Api.Jobs;
using Influence.Api.Security;

namespace Influence.Api.Endpoints;

/// <summary>Analysis runs: start one, follow its progress, list the history.</summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder reads = app.MapCapability("/api/v1/runs", "Runs", AccessLevel.Read);
        reads.Get("/", ListRuns, "Run history, newest first");
        reads.Get("/{id:long}", GetRun, "State and progress of one run")
            .WithDescription("state: queued, running, completed or failed; percent 0..100; stage; error; summary once completed.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapCapability("/api/v1/runs", "Runs", AccessLevel.Write)
            .Post("/", StartRun, "Start an analysis run (needs the API key)")
            .WithDescription("Reads the stored graph, analyses it and stores the results; the service keeps serving the previous run until the new one completes. " +
                             "202 with Location: /api/v1/runs/{id}; 409 when a run is already queued or running. Example: curl -X POST -H 'X-Api-Key: …' http://localhost:5080/api/v1/runs")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Accepted<JobDto>, ProblemHttpResult>> StartRun(AnalysisJobs jobs, CancellationToken cancellationToken)
    {
        AnalysisJob? job;
        try
        {
            job = await jobs.TryStartAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            // The store could not register the run (unreachable, read-only, …): nothing was started.
            return TypedResults.Problem(title: "The run could not be started", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (job is null)
        {
            long? busy = jobs.Active is { Id: > 0 } active ? active.Id : null;
            return TypedResults.Problem(title: "A run is already in progress",
                detail: busy is { } id ? $"Run {id} is queued or running; follow it at /api/v1/runs/{id} and start a new one when it ends." : "A run is being registered; retry in a moment.",
                statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Accepted($"/api/v1/runs/{job.Id}", job.ToDto());
    }

    public static async Task<Results<Ok<JobDto>, ProblemHttpResult>> GetRun(
        [Description("Run id.")] long id, RunQueries runs, CancellationToken cancellationToken) =>
        (await runs.GetAsync(id, cancellationToken)).ToHttpLookup();

    public static async Task<Ok<List<JobDto>>> ListRuns(RunQueries runs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runs.ListAsync(cancellationToken));
}
