using Microsoft.AspNetCore.Mvc;

namespace Influence.Api.Contracts;

/// <summary>Query of <c>GET /api/v1/paths</c>, as sent; validated by the path queries.</summary>
public sealed class PathQuery
{
    [Description("Account the path starts from (external id), e.g. a campaign pick or a defender.")]
    [FromQuery(Name = "from")]
    public string? From { get; set; }

    [Description("Account the path ends at (external id), e.g. the audience member or the defended target.")]
    [FromQuery(Name = "to")]
    public string? To { get; set; }

    [Description("any (default): follows and interactions either way; reach: each next account follows or engaged with the one before it.")]
    [DefaultValue("any")]
    [FromQuery(Name = "direction")]
    public string? Direction { get; set; }

    [Description("Longest path looked for, in ties, 1..10.")]
    [DefaultValue(6)]
    [FromQuery(Name = "maxTies")]
    public int? MaxTies { get; set; }
}

/// <summary>One kind of tie in one direction: <c>follows</c> or an interaction kind, with its count (1 for a follow).</summary>
public sealed record PathTieDto(string Kind, double Count);

/// <summary>One hop of a path: every tie from <c>from</c> to <c>to</c> (forward) and back (backward), and the ties in words.</summary>
public sealed record PathStepDto(string From, string To, IReadOnlyList<PathTieDto> Forward, IReadOnlyList<PathTieDto> Backward, string Text);

/// <summary>The shortest path (fewest ties) between two accounts; <c>found</c> false (ties -1, no steps) when none lies within maxTies.</summary>
public sealed record PathDto(string From, string To, string Direction, int MaxTies, bool Found, int Ties,
    IReadOnlyList<string> Accounts, IReadOnlyList<PathStepDto> Steps, int Explored, string Text);
