using System.Collections;

namespace Influence.Storage.Neo4j;

/// <summary>
/// Where the Neo4j server is and how to talk to it; read by <see cref="Neo4jSettings"/> (configuration section
/// <c>Neo4j</c>, environment <c>Neo4j__*</c>, then the convenience <c>NEO4J_*</c> variables), the same for CLI and service.
/// </summary>
/// <remarks>
/// Defaults: <see cref="Database"/> <c>neo4j</c>, <see cref="User"/> <c>neo4j</c>,
/// <see cref="BatchSize"/> 5,000 node rows per request, <see cref="RelationshipBatchSize"/> 2,000
/// relationship rows per request, <see cref="MaxRetries"/> 5 retries of transient errors starting at
/// <see cref="InitialRetryDelay"/> 200 ms and doubling, <see cref="RequestTimeout"/> 5 minutes.
/// </remarks>
public sealed record Neo4jOptions
{
    /// <summary>Configuration section name the API binds.</summary>
    public const string SectionName = "Neo4j";

    /// <summary>HTTP(S) address of the server, e.g. <c>http://localhost:7474</c> (the Query API, not Bolt).</summary>
    public string? Uri { get; init; }

    /// <summary>Database name. Default <c>neo4j</c>.</summary>
    public string Database { get; init; } = "neo4j";

    /// <summary>User for Basic authentication; null together with <see cref="Password"/> for a server without auth.</summary>
    public string? User { get; init; } = "neo4j";

    /// <summary>Password for Basic authentication.</summary>
    public string? Password { get; init; }

    /// <summary>Node rows per write request, 1..100,000. Default 5,000.</summary>
    public int BatchSize { get; init; } = 5_000;

    /// <summary>Relationship rows per write request, 1..100,000. Default 2,000.</summary>
    public int RelationshipBatchSize { get; init; } = 2_000;

    /// <summary>Retries of <c>Neo.TransientError.*</c> (and deadlocks) before giving up, 0..20. Default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First back-off delay; doubled on every retry, capped at 10 s. Default 200 ms.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time limit of one HTTP request. Default 5 minutes.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The validated server address, ending with '/'.</summary>
    /// <exception cref="ArgumentException">The configuration is invalid.</exception>
    public System.Uri GetBaseUri() => new(EnsureValid().Uri!.TrimEnd('/') + "/");

    /// <summary>Every problem with this configuration, one sentence each (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Uri))
            problems.Add("Neo4j:Uri is required (e.g. http://localhost:7474).");
        else if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out var uri))
            problems.Add($"Neo4j:Uri '{Uri}' is not an absolute URI (expected e.g. http://localhost:7474).");
        else if (uri.Scheme is "bolt" or "neo4j" or "bolt+s" or "neo4j+s" or "bolt+ssc" or "neo4j+ssc")
            problems.Add($"Neo4j:Uri '{Uri}' is a Bolt address; this service uses the HTTP Query API: give the HTTP port, e.g. http://{uri.Host}:7474.");
        else if (uri.Scheme is not ("http" or "https"))
            problems.Add($"Neo4j:Uri '{Uri}' must use http or https.");
        if (string.IsNullOrWhiteSpace(Database))
            problems.Add("Neo4j:Database must not be empty (the default database is 'neo4j').");
        else if (!IsValidDatabaseName(Database))
            problems.Add($"Neo4j:Database '{Database}' is not a valid database name (letters, digits, '.', '-' and '_' only, at most 63 characters).");
        if (User is null && Password is not null)
            problems.Add("Neo4j:Password is set but Neo4j:User is not.");
        if (User is not null && string.IsNullOrEmpty(Password))
            problems.Add($"Neo4j:Password is required for user '{User}' (set User to null for a server without authentication).");
        if (BatchSize is < 1 or > 100_000)
            problems.Add($"Neo4j:BatchSize must be in 1..100000, got {BatchSize}.");
        if (RelationshipBatchSize is < 1 or > 100_000)
            problems.Add($"Neo4j:RelationshipBatchSize must be in 1..100000, got {RelationshipBatchSize}.");
        if (MaxRetries is < 0 or > 20)
            problems.Add($"Neo4j:MaxRetries must be in 0..20, got {MaxRetries}.");
        if (InitialRetryDelay < TimeSpan.Zero || InitialRetryDelay > TimeSpan.FromSeconds(10))
            problems.Add($"Neo4j:InitialRetryDelay must be in 0..10 s, got {InitialRetryDelay}.");
        if (RequestTimeout <= TimeSpan.Zero)
            problems.Add($"Neo4j:RequestTimeout must be positive, got {RequestTimeout}.");
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the configuration is invalid.</summary>
    public Neo4jOptions EnsureValid() => Validate() is { Count: 0 } ? this : throw Invalid();

    private ArgumentException Invalid() =>
        new("Invalid Neo4j configuration: " + string.Join(" ", Validate()), nameof(Uri));

    private static bool IsValidDatabaseName(string name)
    {
        if (name.Length > 63) return false;
        foreach (char c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')) return false;
        return true;
    }

    /// <summary>
    /// The settings from the environment as <see cref="Neo4jSettings.FromEnvironment"/> reads them (<c>Neo4j__Uri</c>, …,
    /// then <c>NEO4J_URI</c>, …), or null when no URI is set (use the embedded store); does not validate.
    /// </summary>
    /// <param name="environment">Variables to read; the process environment when null.</param>
    /// <exception cref="ArgumentException">A number or time span does not parse (the message names the variable).</exception>
    public static Neo4jOptions? FromEnvironment(IDictionary? environment = null) =>
        Neo4jSettings.FromEnvironment(environment) is { Uri: not null } options ? options : null;

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"Neo4j {Uri} database={Database} user={User ?? "(no auth)"}";
}
