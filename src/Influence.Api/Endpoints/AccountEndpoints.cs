using System.ComponentModel;
using Influence.Api.Contracts;
using Influence.Api.Options;
using Influence.Api.Security;
using Influence.Api.Serving;
using Influence.Core.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Influence.Api.Endpoints;

/// <summary>Query of <c>GET /api/v1/accounts</c>.</summary>
public sealed class AccountListQuery
{
    [Description("Only accounts with this role: celebrity, macro-influencer, micro-influencer, amplifier, regular.")]
    [FromQuery(Name = "role")]
    public string? Role { get; set; }

    [Description("Only accounts at this stage: present, relay, producer, power-networker.")]
    [FromQuery(Name = "stage")]
    public string? Stage { get; set; }

    [Description("Only members of this community.")]
    [FromQuery(Name = "community")]
    public int? Community { get; set; }

    [Description("At least this many followers.")]
    [FromQuery(Name = "minFollowers")]
    public int? MinFollowers { get; set; }

    [Description("At most this many followers.")]
    [FromQuery(Name = "maxFollowers")]
    public int? MaxFollowers { get; set; }

    [Description("Sort key: influence, followers, pagerank, engagementRate, communityRank.")]
    [DefaultValue("influence")]
    [FromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [Description("desc (default) or asc.")]
    [DefaultValue("desc")]
    [FromQuery(Name = "order")]
    public string? Order { get; set; }

    [Description("1-based page number.")]
    [DefaultValue(1)]
    [FromQuery(Name = "page")]
    public int? Page { get; set; }

    [Description("Items per page, 1..MaxPageSize (500 by default).")]
    [DefaultValue(50)]
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; set; }
}

/// <summary>Accounts: list, profile, defender network.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/v1/accounts")
            .WithTags("Accounts")
            .RequireApiKey(AccessLevel.Read);

        group.MapGet("/", ListAccounts)
            .WithName("ListAccounts")
            .WithSummary("List accounts with their influence figures")
            .WithDescription("Filters by role, stage, community and follower range; sorts by influence (default), followers, pagerank, engagementRate or communityRank. " +
                             "Example: /api/v1/accounts?role=micro-influencer&sort=influence&page=1&pageSize=20")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}", GetAccount)
            .WithName("GetAccount")
            .WithSummary("Profile of one account: metrics, role and stage with reasons, popularity vs influence")
            .WithDescription("The id is the external account id, URL-encoded (e.g. @alice → %40alice). Unknown ids give 404 naming the id.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/defenders", GetDefenders)
            .WithName("GetDefenders")
            .WithSummary("Defender network of one account")
            .WithDescription("Accounts that actively, repeatedly and reciprocally support the account, with the figures behind each verdict, " +
                             "their communities, critics (when stance data exists) and the ties among defenders for drawing " +
                             "(empty until the run's graph is loaded after a restart; see graphLoaded in /api/v1/summary).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static Results<Ok<AccountPageDto>, ValidationProblem, ProblemHttpResult> ListAccounts(
        [AsParameters] AccountListQuery query, SnapshotHolder snapshots, IOptions<InfluenceOptions> options)
    {
        var v = new Validation();
        AccountRole? role = null;
        PresenceStage? stage = null;
        if (query.Role is { Length: > 0 } roleText)
        {
            if (RoleNames.TryParseRole(roleText, out AccountRole r)) role = r;
            else v.Add("role", $"unknown role '{roleText}'; valid: celebrity, macro-influencer, micro-influencer, amplifier, regular.");
        }
        if (query.Stage is { Length: > 0 } stageText)
        {
            if (RoleNames.TryParseStage(stageText, out PresenceStage s)) stage = s;
            else v.Add("stage", $"unknown stage '{stageText}'; valid: present, relay, producer, power-networker.");
        }
        AccountSort sort = AccountSort.Influence;
        if (query.Sort is { Length: > 0 } sortText && !TryParseSort(sortText, out sort))
            v.Add("sort", $"unknown sort '{sortText}'; valid: influence, followers, pagerank, engagementRate, communityRank.");
        bool ascending = false;
        if (query.Order is { Length: > 0 } orderText)
        {
            if (orderText.Equals("asc", StringComparison.OrdinalIgnoreCase)) ascending = true;
            else if (!orderText.Equals("desc", StringComparison.OrdinalIgnoreCase)) v.Add("order", $"must be asc or desc; got '{orderText}'.");
        }
        int page = query.Page ?? 1, pageSize = query.PageSize ?? 50;
        v.Range("page", page, 1, int.MaxValue);
        v.Range("pageSize", pageSize, 1, options.Value.MaxPageSize);
        v.Range("minFollowers", query.MinFollowers, 0, int.MaxValue);
        v.Range("maxFollowers", query.MaxFollowers, 0, int.MaxValue);
        if (query.MinFollowers > query.MaxFollowers) v.Add("minFollowers", $"minFollowers ({query.MinFollowers}) is above maxFollowers ({query.MaxFollowers}).");
        if (!v.IsValid) return Problems.Invalid(v.Errors);

        AnalysisSnapshot? snap = snapshots.Current;
        if (snap is null) return Problems.NoRun();

        AccountMetrics[] accounts = snap.Result.Accounts;
        ReadOnlySpan<int> order = snap.DescendingOrder(sort);
        int n = order.Length;
        long skip = (long)(page - 1) * pageSize;
        var items = new List<AccountSummaryDto>(Math.Min(pageSize, n));
        bool filtered = role is not null || stage is not null || query.Community is not null || query.MinFollowers is not null || query.MaxFollowers is not null;
        int total;
        if (!filtered)
        {
            total = n;
            for (long p = skip; p < n && items.Count < pageSize; p++)
                items.Add(AccountViews.Summary(snap, order[ascending ? n - 1 - (int)p : (int)p]));
        }
        else
        {
            int min = query.MinFollowers ?? 0, max = query.MaxFollowers ?? int.MaxValue, community = query.Community ?? 0;
            bool byCommunity = query.Community is not null;
            total = 0;
            for (int p = 0; p < n; p++)
            {
                int a = order[ascending ? n - 1 - p : p];
                ref readonly AccountMetrics m = ref accounts[a];
                if (role is { } rr && m.Role != rr) continue;
                if (stage is { } ss && m.Stage != ss) continue;
                if (byCommunity && m.Community != community) continue;
                if (m.Followers < min || m.Followers > max) continue;
                if (total >= skip && items.Count < pageSize) items.Add(AccountViews.Summary(snap, a));
                total++;
            }
        }
        return TypedResults.Ok(new AccountPageDto(items, page, pageSize, total));
    }

    public static Results<Ok<AccountProfileDto>, ProblemHttpResult> GetAccount(
        [Description("External account id, URL-encoded (@alice → %40alice).")] string id, SnapshotHolder snapshots)
    {
        AnalysisSnapshot? snap = snapshots.Current;
        if (snap is null) return Problems.NoRun();
        id = DecodeSlashes(id);
        if (!snap.TryGetAccount(id, out int account)) return Problems.UnknownAccount(id);
        return TypedResults.Ok(AccountViews.Profile(snap, account));
    }

    public static Results<Ok<DefenderNetworkDto>, ProblemHttpResult> GetDefenders(
        [Description("External account id, URL-encoded.")] string id, SnapshotHolder snapshots)
    {
        AnalysisSnapshot? snap = snapshots.Current;
        if (snap is null) return Problems.NoRun();
        id = DecodeSlashes(id);
        if (!snap.TryGetAccount(id, out int account)) return Problems.UnknownAccount(id);
        // Before the run's graph is loaded (right after a restart) the network comes without ties; the rest is stored with the run.
        return TypedResults.Ok(snap.Cache.GetOrAdd("defenders:" + id, () => DefenderViews.Describe(snap, account)));
    }

    /// <summary>Routing decodes every escape in a path segment except %2F (it would split segments); ids may hold '/'.</summary>
    private static string DecodeSlashes(string id) =>
        id.Contains('%') ? id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : id;

    private static bool TryParseSort(string text, out AccountSort sort)
    {
        switch (text.ToLowerInvariant())
        {
            case "influence": sort = AccountSort.Influence; return true;
            case "followers": sort = AccountSort.Followers; return true;
            case "pagerank": sort = AccountSort.Pagerank; return true;
            case "engagementrate": case "engagement_rate": sort = AccountSort.EngagementRate; return true;
            case "communityrank": case "community_rank": sort = AccountSort.CommunityRank; return true;
            default: sort = AccountSort.Influence; return false;
        }
    }
}
