namespace Influence.Api.Serving;

/// <summary>Why a query has no answer. The endpoints map each kind to one HTTP answer (see Endpoints/Problems).</summary>
public abstract record QueryFailure
{
    /// <summary>The request broke a rule; errors keyed by the caller's field names.</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors, string? Detail = null) : QueryFailure;

    /// <summary>No completed run is served yet.</summary>
    public sealed record NoRun : QueryFailure;

    public sealed record UnknownAccount(string Id) : QueryFailure;

    public sealed record UnknownCommunity(int Id) : QueryFailure;

    public sealed record UnknownRun(long Id) : QueryFailure;

    /// <summary>The run exists (or may) but is not the one being served, so its tables are not held.</summary>
    public sealed record RunNotServed(long Id, long Served) : QueryFailure;

    /// <summary>A run holds the store's one run slot (this process's or another replica's): no run was started.</summary>
    /// <param name="Id">The run in progress (0 while this process is still registering it).</param>
    /// <param name="Owner">The process holding it, pid@host.</param>
    public sealed record RunInProgress(long Id, string? Owner, DateTimeOffset? LeaseExpiresAt) : QueryFailure;

    /// <summary>The store could not register a run (unreachable, read-only, …): nothing was started.</summary>
    public sealed record RunNotStarted(string Reason) : QueryFailure;

    /// <summary>The query needs the run's graph, which is not loaded (yet).</summary>
    public sealed record GraphUnavailable : QueryFailure;

    public static QueryFailure From(Validation v) => new Invalid(v.Errors);

    public static readonly QueryFailure NotYet = new NoRun();

    public static readonly QueryFailure NoGraph = new GraphUnavailable();
}

/// <summary>The answer of a query, or why there is none.</summary>
public readonly struct QueryResult<T> where T : class
{
    private QueryResult(T? value, QueryFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public QueryFailure? Failure { get; }

    public static implicit operator QueryResult<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static implicit operator QueryResult<T>(QueryFailure failure) => new(null, failure ?? throw new ArgumentNullException(nameof(failure)));
}
