using Influence.Api.Contracts;
using Influence.Api.Jobs;
using Influence.Api.Security;
using Influence.Api.Serving;

namespace Influence.Api.Endpoints;

/// <summary>Analysis runs: start one, follow its progress, list the history, download the served run's tables as Parquet.</summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder reads = app.MapCapability("/api/v1/runs", "Runs", AccessLevel.Read);
        reads.Get("/", ListRuns, "Run history, newest first");
        reads.Get("/{id:long}", GetRun, "State and progress of one run")
            .WithDescription("state: queued, running, completed or failed; percent 0..100; stage; error; summary once completed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        reads.Get("/{id:long}/accounts.parquet", DownloadAccountsParquet, "The served run's accounts as a Parquet file (streamed)")
            .WithDescription("One row per account with the columns of accounts.csv, typed (counts INT64, figures DOUBLE with null for undefined, " +
                             "names as strings). reasons=false leaves the reasons prose out (most of the file and of the time to write it). " +
                             "Only the run being served (the latest completed) can be downloaded. " +
                             "Example: curl -o accounts.parquet http://localhost:5080/api/v1/runs/7/accounts.parquet")
            .Produces(StatusCodes.Status200OK, contentType: RunDownloads.ParquetMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        reads.Get("/{id:long}/defenders.parquet", DownloadDefendersParquet, "The served run's defender links as a Parquet file (streamed)")
            .WithDescription("Columns target, defender, strength (as defenders.csv). Only the run being served can be downloaded.")
            .Produces(StatusCodes.Status200OK, contentType: RunDownloads.ParquetMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapCapability("/api/v1/runs", "Runs", AccessLevel.Write)
            .Post("/", StartRun, "Start an analysis run (needs the API key)")
            .WithDescription("Reads the stored graph, analyses it and stores the results; the service keeps serving the previous run until the new one completes. " +
                             "202 with Location: /api/v1/runs/{id}; 409 when a run is already queued or running in this store, by this or any other process on it (the ProblemDetails name it: runId, owner). Example: curl -X POST -H 'X-Api-Key: …' http://localhost:5080/api/v1/runs")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Accepted<JobDto>, ProblemHttpResult>> StartRun(AnalysisJobs jobs, CancellationToken cancellationToken)
    {
        QueryResult<AnalysisJob> start = await jobs.TryStartAsync(cancellationToken);
        return start.Value is { } job ? TypedResults.Accepted($"/api/v1/runs/{job.Id}", job.ToDto()) : Problems.For(start.Failure!);
    }

    public static async Task<Results<Ok<JobDto>, ProblemHttpResult>> GetRun(
        [Description("Run id.")] long id, RunQueries runs, CancellationToken cancellationToken) =>
        (await runs.GetAsync(id, cancellationToken)).ToHttpLookup();

    public static async Task<Ok<List<JobDto>>> ListRuns(RunQueries runs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runs.ListAsync(cancellationToken));

    public static Results<PushStreamHttpResult, ProblemHttpResult> DownloadAccountsParquet([Description("Run id (the served run).")] long id, RunDownloads downloads,
        CancellationToken cancellationToken, [Description("Include the reasons column (default true).")] bool reasons = true) =>
        ToHttp(downloads.Accounts(id, reasons), cancellationToken);

    public static Results<PushStreamHttpResult, ProblemHttpResult> DownloadDefendersParquet([Description("Run id (the served run).")] long id, RunDownloads downloads,
        CancellationToken cancellationToken) => ToHttp(downloads.Defenders(id), cancellationToken);

    private static Results<PushStreamHttpResult, ProblemHttpResult> ToHttp(QueryResult<TableDownload> result, CancellationToken cancellationToken) =>
        result.Value is { } download
            ? TypedResults.Stream(body => download.WriteAsync(body, cancellationToken), RunDownloads.ParquetMediaType, download.FileName)
            : Problems.For(result.Failure!);
}
