using Influence.Api.Contracts;
using Influence.Api.Jobs;
using Influence.Api.Security;
using Influence.Api.Serving;

namespace Influence.Api.Endpoints;

/// <summary>Campaign planning (the k accounts that reach the most distinct engaged people of a scope) and audience overlap.</summary>
public static class CampaignEndpoints
{
    public static IEndpointRouteBuilder MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        // POSTs, but reads: they change nothing stored, so they follow the read policy.
        RouteGroupBuilder campaigns = app.MapCapability("/api/v1/campaigns", "Campaigns", AccessLevel.Read);
        campaigns.Post("/plan", PlanCampaign, "Plan a campaign: the k accounts whose engaged audiences reach the most distinct people of a scope")
            .WithDescription("Scope: community, seeds (a segment) or neither (whole graph). objective reach (exact, lazy greedy) or spread " +
                             "(independent cascade estimated from the interaction log, IMM sampling). Answer: picks in order with marginal gain, " +
                             "cumulative value, overlap with earlier picks, role and reasons; the same value for the top-k by followers and by " +
                             "influence under the same constraints; the coverage curve. Spread plans, scopes above 200,000 people and " +
                             "\"async\": true run as jobs: 202 with Location /api/v1/campaigns/plans/{id}.")
            .Accepts<CampaignPlanRequestDto>("application/json")
            .ProducesGraphQueryProblems();
        campaigns.Get("/plans/{id}", GetCampaignPlanJob, "State, progress and (once completed) the plan of a plan job")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapCapability("/api/v1/audiences", "Campaigns", AccessLevel.Read)
            .Post("/overlap", AudienceOverlap, "Pairwise overlap (count, Jaccard) of the engaged audiences of a list of accounts, and their union")
            .Accepts<AudienceOverlapRequestDto>("application/json")
            .ProducesGraphQueryProblems();
        return app;
    }

    public static Results<Ok<CampaignPlanDto>, Accepted<CampaignPlanJobDto>, ValidationProblem, ProblemHttpResult> PlanCampaign(
        CampaignPlanRequestDto request, CampaignQueries campaigns, CampaignPlanJobs jobs, CancellationToken cancellationToken)
    {
        QueryResult<CampaignPlanQuery> prepared = campaigns.Prepare(request);
        if (prepared.Failure is { } failure)
            return failure is QueryFailure.Invalid invalid ? Problems.Invalid(invalid.Errors, invalid.Detail) : Problems.For(failure);
        CampaignPlanQuery query = prepared.Value!;
        if (request.Async || query.IsLarge)
        {
            CampaignPlanJobDto job = jobs.Start(query);
            return TypedResults.Accepted($"/api/v1/campaigns/plans/{job.Id}", job);
        }
        return TypedResults.Ok(CampaignQueries.Run(query, null, cancellationToken));
    }

    public static Results<Ok<CampaignPlanJobDto>, ProblemHttpResult> GetCampaignPlanJob(string id, CampaignPlanJobs jobs) =>
        jobs.Get(id) is { } job
            ? TypedResults.Ok(job)
            : TypedResults.Problem(title: "Unknown plan job", detail: $"Plan job '{id}' does not exist (plan jobs are kept in memory; the last 100 are kept).",
                statusCode: StatusCodes.Status404NotFound);

    public static Results<Ok<AudienceOverlapDto>, ValidationProblem, ProblemHttpResult> AudienceOverlap(
        AudienceOverlapRequestDto request, CampaignQueries campaigns, CancellationToken cancellationToken) =>
        campaigns.Overlap(request, cancellationToken).ToHttp();
}
