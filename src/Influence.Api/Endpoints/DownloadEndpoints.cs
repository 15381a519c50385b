using Influence.Api.Security;
using Influence.Api.Serving;

namespace Influence.Api.Endpoints;

/// <summary>A completed run's tables as Parquet downloads (pandas, DuckDB, Spark read them natively).</summary>
public static class DownloadEndpoints
{
    public static IEndpointRouteBuilder MapDownloadEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapCapability("/api/v1/runs", "Runs", AccessLevel.Read);
        group.Get("/{id:long}/accounts.parquet", DownloadAccountsParquet, "The served run's accounts as a Parquet file (streamed)")
            .WithDescription("One row per account with the columns of accounts.csv, typed (counts INT64, figures DOUBLE with null for undefined, " +
                             "names as strings). reasons=false leaves the reasons prose out (most of the file and of the time to write it). " +
                             "Only the run being served (the latest completed) can be downloaded. " +
                             "Example: curl -o accounts.parquet http://localhost:5080/api/v1/runs/7/accounts.parquet")
            .Produces(StatusCodes.Status200OK, contentType: RunDownloads.ParquetMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.Get("/{id:long}/defenders.parquet", DownloadDefendersParquet, "The served run's defender links as a Parquet file (streamed)")
            .WithDescription("Columns target, defender, strength (as defenders.csv). Only the run being served can be downloaded.")
            .Produces(StatusCodes.Status200OK, contentType: RunDownloads.ParquetMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

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
