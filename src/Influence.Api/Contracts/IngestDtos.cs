namespace Influence.Api.Contracts;

/// <summary>Which stored rows to delete; every given condition must hold, at least one is required.</summary>
public sealed record RemovalRequestDto(
    [property: Description("interactions (default), follows or both.")] string? What,
    [property: Description("Rows where this account is the source or the target.")] string? Account,
    [property: Description("Rows from this account.")] string? Source,
    [property: Description("Rows to this account.")] string? Target,
    [property: Description("Interactions of this kind (reply, mention, share, quote, comment, like).")] string? Kind,
    [property: Description("Rows with a time ≥ this, Unix seconds (follows: since).")] long? From,
    [property: Description("Rows with a time < this, Unix seconds.")] long? To,
    [property: Description("Interactions with a weight above this (e.g. 1000000: rows stored before weights were bounded).")] double? WeightAbove);

/// <summary>One audited removal.</summary>
public sealed record RemovalDto(
    [property: Description("Audit entry number.")] long Id,
    DateTimeOffset At,
    [property: Description("Who asked (api:<client address>, cli:<user>@<host>).")] string Actor,
    [property: Description("The filter as stored in the audit (JSON).")] string Filter,
    long FollowsRemoved,
    long InteractionsRemoved);

/// <summary>A follow row of an ingest body: source follows target.</summary>
public sealed record FollowRowDto(string Source, string Target, long? Since);

/// <summary>An unfollow row: source stopped following target.</summary>
public sealed record UnfollowRowDto(string Source, string Target, long? At);

/// <summary>An interaction row: source acted on target.</summary>
public sealed record InteractionRowDto(string Source, string Target, string Kind, long? Timestamp, double? Weight, double? Stance);
