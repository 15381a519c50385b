using Influence.Core.Model;

namespace Influence.Api.Contracts;

/// <summary>Identity and state of an analysis run.</summary>
public sealed record RunRefDto(long Id, string State, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt);

/// <summary>The run served now and its summary (keys as in summary.json).</summary>
/// <param name="GraphLoaded">The run's graph is in memory (segment lists and defender ties need it; it is read in the
/// background after a restart).</param>
public sealed record SummaryDto(RunRefDto Run, AnalysisSummary Summary,
    [property: Description("The run's graph is loaded (segments and defender ties available).")] bool GraphLoaded = false);

/// <summary>An analysis job: progress while it runs, summary once completed.</summary>
public sealed record JobDto(
    [property: Description("Run id.")] long Id,
    [property: Description("queued, running, completed or failed.")] string State,
    [property: Description("0..100.")] double Percent,
    [property: Description("Current stage (read, analysis stage name, write, done).")] string? Stage,
    [property: Description("Why the run failed.")] string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    AnalysisSummary? Summary,
    [property: Description("The process that registered the run, pid@host (any replica on the same store may have).")] string? Owner = null,
    [property: Description("While running: until when the owner's lease holds (renewed while it runs; a run whose lease expires is failed and its claim taken over).")] DateTimeOffset? LeaseExpiresAt = null);

/// <summary>What an ingest batch changed.</summary>
public sealed record IngestResultDto(
    [property: Description("New follows (or re-activated ones).")] int FollowsAdded,
    [property: Description("Follows ended.")] int Unfollowed,
    [property: Description("New interactions.")] int InteractionsAdded,
    [property: Description("Rows that changed nothing (already stored).")] int Unchanged);
