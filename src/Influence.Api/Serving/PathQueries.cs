using System.Runtime.CompilerServices;
using Influence.Api.Contracts;
using Influence.QuikGraph;

namespace Influence.Api.Serving;

/// <summary>
/// Paths between two accounts of the served run over follow and engagement ties ("how does this campaign pick reach this
/// account", "how is this defender tied to the target"). The tie index is built once per snapshot, on first use.
/// </summary>
public sealed class PathQueries(SnapshotHolder snapshots)
{
    private readonly ConditionalWeakTable<AnalysisSnapshot, Lazy<AccountTies>> _ties = new();

    public QueryResult<PathDto> Find(PathQuery query)
    {
        var v = new Validation();
        if (string.IsNullOrEmpty(query.From)) v.Add("from", "is required: the account the path starts from.");
        if (string.IsNullOrEmpty(query.To)) v.Add("to", "is required: the account the path ends at.");
        PathDirection direction = query.Direction?.ToLowerInvariant() switch
        {
            null or "any" => PathDirection.Any,
            "reach" => PathDirection.Reach,
            _ => (PathDirection)(-1),
        };
        if (!Enum.IsDefined(direction)) v.Add("direction", $"must be 'any' or 'reach'; got '{query.Direction}'.");
        v.Range("maxTies", query.MaxTies, 1, AccountPathConfig.MaxTiesLimit);
        if (!v.IsValid) return QueryFailure.From(v);
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;
        if (!snap.TryGetAccount(query.From!, out _)) return new QueryFailure.UnknownAccount(query.From!);
        if (!snap.TryGetAccount(query.To!, out _)) return new QueryFailure.UnknownAccount(query.To!);
        if (snap.Graph is not { } graph) return QueryFailure.NoGraph;

        AccountTies ties = _ties.GetValue(snap, _ => new Lazy<AccountTies>(() => AccountTies.Build(graph))).Value;
        var config = new AccountPathConfig { Direction = direction, MaxTies = query.MaxTies ?? new AccountPathConfig().MaxTies };
        return ToDto(ties.FindPath(query.From!, query.To!, config));
    }

    public static PathDto ToDto(AccountPath p) => new(p.From, p.To, p.Direction.ToString().ToLowerInvariant(), p.MaxTies, p.Found, p.Ties,
        p.Accounts,
        [.. p.Steps.Select(s => new PathStepDto(s.From, s.To, [.. s.Forward.Select(Tie)], [.. s.Backward.Select(Tie)], s.Text))],
        p.Explored, Text(p));

    private static PathTieDto Tie(TieCount t) => new(t.Kind, t.Count);

    /// <summary>The answer in one sentence, figures included.</summary>
    private static string Text(AccountPath p) => p switch
    {
        { Found: false } => $"No path from {p.From} to {p.To} within {p.MaxTies} ties ({p.Direction.ToString().ToLowerInvariant()}; {p.Explored} accounts explored).",
        { Ties: 0 } => $"{p.From} is {p.To}.",
        _ => $"{p.Ties} tie{(p.Ties == 1 ? "" : "s")} from {p.From} to {p.To}: {string.Join(" | ", p.Steps.Select(s => s.Text))}.",
    };
}
