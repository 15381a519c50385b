using Influence.Api.Contracts;
using Influence.Api.Options;
using Influence.Core.Model;
using Microsoft.Extensions.Options;

namespace Influence.Api.Serving;

/// <summary>Accounts of the served run: the filtered, sorted, paged list; one profile; one defender network.</summary>
public sealed class AccountQueries(SnapshotHolder snapshots, IOptions<InfluenceOptions> options)
{
    public QueryResult<AccountPageDto> List(AccountListQuery query)
    {
        var v = new Validation();
        var filter = new AccountFilter(QueryRules.Role(v, query.Role), QueryRules.Stage(v, query.Stage), query.Community,
            QueryRules.Followers(v, query.MinFollowers, query.MaxFollowers), QueryRules.AudienceQuality(v, query.MinAudienceQuality));
        AccountSort sort = QueryRules.Sort(v, query.Sort);
        bool ascending = QueryRules.Ascending(v, query.Order);
        PageRequest page = QueryRules.Page(v, query.Page, query.PageSize, options.Value.MaxPageSize);
        if (!v.IsValid) return QueryFailure.From(v);
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;
        return Page(snap, filter, sort, ascending, page);
    }

    public QueryResult<AccountProfileDto> Profile(string id)
    {
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;
        if (!snap.TryGetAccount(id, out int account)) return new QueryFailure.UnknownAccount(id);
        return AccountViews.Profile(snap, account);
    }

    /// <summary>Before the run's graph is loaded (right after a restart) the network comes without ties; the rest is stored with the run.</summary>
    public QueryResult<DefenderNetworkDto> Defenders(string id)
    {
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;
        if (!snap.TryGetAccount(id, out int account)) return new QueryFailure.UnknownAccount(id);
        return snap.Cache.GetOrAdd("defenders:" + id, () => DefenderViews.Describe(snap, account));
    }

    /// <summary>The audience report: growth series and spikes need the run's graph (loaded after a restart).</summary>
    public QueryResult<AudienceReportDto> Audience(string id)
    {
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;
        if (!snap.TryGetAccount(id, out int account)) return new QueryFailure.UnknownAccount(id);
        if (snap.Graph is null) return QueryFailure.NoGraph;
        return snap.Cache.GetOrAdd("audience:" + id, () => AudienceViews.Describe(snap, account, _audience.Value));
    }

    private readonly Lazy<Core.Audience.AudienceConfig> _audience = new(() => options.Value.AnalysisConfig().Audience);

    /// <summary>One page of the accounts <paramref name="filter"/> keeps, in the snapshot's precomputed order.
    /// Unfiltered pages jump straight to their slice; filtered ones scan the order once to count the total.</summary>
    public static AccountPageDto Page(AnalysisSnapshot snap, AccountFilter filter, AccountSort sort, bool ascending, PageRequest page)
    {
        AccountMetrics[] accounts = snap.Result.Accounts;
        ReadOnlySpan<int> order = snap.DescendingOrder(sort);
        int n = order.Length;
        long skip = page.Skip;
        var items = new List<AccountSummaryDto>(Math.Min(page.PageSize, n));
        int total;
        if (!filter.IsSet)
        {
            total = n;
            for (long p = skip; p < n && items.Count < page.PageSize; p++)
                items.Add(AccountViews.Summary(snap, order[ascending ? n - 1 - (int)p : (int)p]));
        }
        else
        {
            total = 0;
            for (int p = 0; p < n; p++)
            {
                int a = order[ascending ? n - 1 - p : p];
                if (!filter.Matches(in accounts[a])) continue;
                if (total >= skip && items.Count < page.PageSize) items.Add(AccountViews.Summary(snap, a));
                total++;
            }
        }
        return new AccountPageDto(items, page.Page, page.PageSize, total);
    }
}
