using Influence.Api.Contracts;
using Influence.Api.Security;
using Influence.Api.Serving;

namespace Influence.Api.Endpoints;

/// <summary>Run summary, the popularity-vs-influence scatter and the names the API accepts.</summary>
public static class SummaryEndpoints
{
    public static IEndpointRouteBuilder MapSummaryEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapCapability("/api/v1", "Summary", AccessLevel.Read);

        group.Get("/summary", GetSummary, "Summary of the latest completed run")
            .WithDescription("Counts, global reciprocity, communities, modularity, followers-vs-influence Spearman, top-100 overlap, role and stage counts, timings (keys as in summary.json). 404 before the first run.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.Get("/vocabulary", GetVocabulary, "The role, stage and sort names the API accepts")
            .WithDescription("Derived from the model: a role the model adds appears here, in role filters and in their error messages.");

        group.Get("/scatter", GetScatter, "Followers vs influence for a deterministic sample of accounts")
            .WithDescription("Always keeps the top accounts by followers and by influence; the rest is a fixed pseudo-random sample. Example: /api/v1/scatter?max=5000")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static Results<Ok<SummaryDto>, ProblemHttpResult> GetSummary(SummaryQueries summaries) => summaries.Summary().ToHttpLookup();

    public static Ok<VocabularyDto> GetVocabulary() => TypedResults.Ok(VocabularyDto.Current);

    public static Results<Ok<ScatterDto>, ValidationProblem, ProblemHttpResult> GetScatter(
        [Description("Most points to return (10..MaxScatterPoints, default 5000).")][DefaultValue(SummaryQueries.DefaultScatterPoints)] int? max,
        SummaryQueries summaries) => summaries.Scatter(max).ToHttp();
}
