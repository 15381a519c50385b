using Influence.Api.Contracts;
using Influence.Api.Security;
using Influence.Api.Serving;

namespace Influence.Api.Endpoints;

/// <summary>Accounts: list, profile, defender network.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapCapability("/api/v1/accounts", "Accounts", AccessLevel.Read);

        group.Get("/", ListAccounts, "List accounts with their influence figures")
            .WithDescription(Vocabulary.Fill("Filters by role ({roles}), stage ({stages}), community and follower range; sorts by {sorts} (influence by default). ") +
                             "Example: /api/v1/accounts?role=micro-influencer&sort=influence&page=1&pageSize=20")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.Get("/{id}", GetAccount, "Profile of one account: metrics, role and stage with reasons, popularity vs influence")
            .WithDescription("The id is the external account id, URL-encoded (e.g. @alice → %40alice). Unknown ids give 404 naming the id.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.Get("/{id}/defenders", GetDefenders, "Defender network of one account")
            .WithDescription("Accounts that actively, repeatedly and reciprocally support the account, with the figures behind each verdict, " +
                             "their communities, critics (when stance data exists) and the ties among defenders for drawing " +
                             "(empty until the run's graph is loaded after a restart; see graphLoaded in /api/v1/summary).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.Get("/{id}/audience", GetAudience, "Audience quality of one account: growth curve, spikes with cohorts, components and reasons")
            .WithDescription("Daily new followers (from the follows' since), growth spikes with their cohort's figures (inactive, new, " +
                             "mass-following, engaged, lockstep by Jaccard and CopyCatch) and a sample of members, the score's components " +
                             "with their published weights, influence received vs outreach given, and readable reasons (docs/audience-quality.md). " +
                             "503 until the run's graph is loaded after a restart.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static Results<Ok<AccountPageDto>, ValidationProblem, ProblemHttpResult> ListAccounts(
        [AsParameters] AccountListQuery query, AccountQueries accounts) => accounts.List(query).ToHttp();

    public static Results<Ok<AccountProfileDto>, ProblemHttpResult> GetAccount(
        [Description("External account id, URL-encoded (@alice → %40alice).")] string id, AccountQueries accounts) =>
        accounts.Profile(DecodeSlashes(id)).ToHttpLookup();

    public static Results<Ok<DefenderNetworkDto>, ProblemHttpResult> GetDefenders(
        [Description("External account id, URL-encoded.")] string id, AccountQueries accounts) =>
        accounts.Defenders(DecodeSlashes(id)).ToHttpLookup();

    public static Results<Ok<AudienceReportDto>, ProblemHttpResult> GetAudience(
        [Description("External account id, URL-encoded.")] string id, AccountQueries accounts) =>
        accounts.Audience(DecodeSlashes(id)).ToHttpLookup();

    /// <summary>Routing decodes every escape in a path segment except %2F (it would split segments); ids may hold '/'.</summary>
    private static string DecodeSlashes(string id) =>
        id.Contains('%') ? id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : id;
}
