using System.Text.Json;
using System.Text.Json.Serialization;
using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Storage;

/// <summary>Which stored rows a removal deletes.</summary>
public enum RemovalTarget
{
    /// <summary>Interactions only.</summary>
    Interactions,
    /// <summary>Follows only (deleted, not ended: the follow leaves the graph and its history).</summary>
    Follows,
    /// <summary>Both follows and interactions.</summary>
    Both,
}

/// <summary>
/// The operator's way out of bad data: which follows and/or interactions to delete. Every given condition
/// must hold (AND); at least one condition is required, so a filter never means "everything" by
/// accident. Times are Unix seconds (the row's <c>since</c> for follows, <c>timestamp</c> for
/// interactions); rows without a time never match a time condition.
/// </summary>
public sealed record RemovalFilter
{
    /// <summary>Default <see cref="RemovalTarget.Interactions"/>.</summary>
    [JsonPropertyName("what")] public RemovalTarget What { get; init; } = RemovalTarget.Interactions;

    /// <summary>Rows where this account is the source or the target.</summary>
    [JsonPropertyName("account")] public string? Account { get; init; }

    /// <summary>Rows from this account.</summary>
    [JsonPropertyName("source")] public string? Source { get; init; }

    /// <summary>Rows to this account.</summary>
    [JsonPropertyName("target")] public string? Target { get; init; }

    /// <summary>Interactions of this kind (interactions only).</summary>
    [JsonPropertyName("kind")] public InteractionKind? Kind { get; init; }

    /// <summary>Rows with a time ≥ this (Unix seconds).</summary>
    [JsonPropertyName("from")] public long? From { get; init; }

    /// <summary>Rows with a time &lt; this (Unix seconds).</summary>
    [JsonPropertyName("to")] public long? To { get; init; }

    /// <summary>Interactions with a weight strictly above this (interactions only), e.g. rows stored before weights were bounded.</summary>
    [JsonPropertyName("weightAbove")] public double? WeightAbove { get; init; }

    /// <summary>The names of <see cref="RemovalTarget"/> values, as the CLI and the API take them.</summary>
    public static NamedValues<RemovalTarget> TargetNames { get; } = new("interactions", "follows", "both");

    /// <summary>
    /// The one reading of a removal request given as text (CLI options, API body): <paramref name="what"/> by
    /// <see cref="TargetNames"/> (interactions when null), <paramref name="kind"/> by <see cref="RowRules.ParseKind"/>,
    /// the other conditions from <paramref name="conditions"/>; the result checked by <see cref="Problem"/>.
    /// </summary>
    /// <returns>Null when <paramref name="filter"/> is usable; else the field at fault (<c>what</c>, <c>kind</c> or <c>filter</c>) and why.</returns>
    public static (string Field, string Reason)? TryParse(string? what, string? kind, RemovalFilter conditions, out RemovalFilter filter)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        filter = conditions;
        RemovalTarget target = RemovalTarget.Interactions;
        if (what is not null && !TargetNames.TryParse(what, out target))
            return ("what", $"unknown target {RowRules.Quote(what)}; use {TargetNames.List}.");
        InteractionKind? parsedKind = null;
        if (kind is not null)
        {
            if (RowRules.ParseKind(kind, out InteractionKind k) is { } reason) return ("kind", reason);
            parsedKind = k;
        }
        filter = conditions with { What = target, Kind = parsedKind };
        return filter.Problem() is { } problem ? ("filter", problem) : null;
    }

    /// <summary>Why the filter cannot be used (one sentence naming the field), or null.</summary>
    public string? Problem()
    {
        if (!Enum.IsDefined(What)) return $"what: unknown target {(int)What}; use {TargetNames.List}.";
        if (Account is null && Source is null && Target is null && Kind is null && From is null && To is null && WeightAbove is null)
            return "give at least one condition (account, source, target, kind, from, to, weightAbove): a removal never takes everything.";
        foreach (var (name, id) in new[] { ("account", Account), ("source", Source), ("target", Target) })
            if (id is not null && RowRules.CheckId(id) is { } reason) return $"{name}: {reason}.";
        if (Kind is { } kind && RowRules.CheckKind(kind) is { } badKind) return $"kind: {badKind}.";
        if (What == RemovalTarget.Follows && (Kind is not null || WeightAbove is not null))
            return "kind and weightAbove select interactions: use what = interactions or both.";
        if (From is { } from && RowRules.CheckTimestamp(from) is { } badFrom) return $"from: {badFrom}.";
        if (To is { } to && RowRules.CheckTimestamp(to) is { } badTo) return $"to: {badTo}.";
        if (From is { } f && To is { } t && f >= t) return $"from ({f}) must be before to ({t}).";
        if (WeightAbove is { } w && (!double.IsFinite(w) || w < 0)) return $"weightAbove must be a finite number ≥ 0, got {w}.";
        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <see cref="Problem"/> finds one.</summary>
    public void Validate()
    {
        if (Problem() is { } problem) throw new ArgumentException(problem);
    }

    /// <summary>Selects interactions (by <see cref="What"/>).</summary>
    [JsonIgnore] public bool Interactions => What is RemovalTarget.Interactions or RemovalTarget.Both;

    /// <summary>Selects follows (by <see cref="What"/>).</summary>
    [JsonIgnore] public bool Follows => What is RemovalTarget.Follows or RemovalTarget.Both;

    private static readonly JsonSerializerOptions s_json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The filter as compact JSON (what the audit records), null conditions left out.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);
}

/// <summary>One audited removal.</summary>
/// <param name="Id">Audit entry number (ascending).</param>
/// <param name="Actor">Who asked (e.g. <c>cli:alice@host</c>, <c>api</c>).</param>
/// <param name="FilterJson">The filter, as <see cref="RemovalFilter.ToJson"/>.</param>
public sealed record RemovalRecord(long Id, DateTimeOffset At, string Actor, string FilterJson, long FollowsRemoved, long InteractionsRemoved);
