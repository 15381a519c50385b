using System.Collections;
using System.Globalization;

namespace Influence.Storage.Neo4j;

/// <summary>
/// The one way the CLI and the service read their Neo4j settings. Each field comes from the configuration key
/// <c>Neo4j:{Field}</c> — in the environment <c>Neo4j__{Field}</c> (<c>Neo4j__Uri</c>, <c>Neo4j__User</c>,
/// <c>Neo4j__Password</c>, <c>Neo4j__Database</c>, <c>Neo4j__BatchSize</c>, …), for the service also appsettings.json
/// and <c>--Neo4j:Uri=…</c> — and, for convenience, when that key is absent, from <c>NEO4J_URI</c>, <c>NEO4J_USER</c>
/// (or <c>NEO4J_USERNAME</c>), <c>NEO4J_PASSWORD</c>, <c>NEO4J_DATABASE</c>, <c>NEO4J_BATCH_SIZE</c>. A key that is
/// present but empty wins too (<c>Neo4j__Uri=</c> means "no Neo4j" whatever <c>NEO4J_URI</c> says). A value that does
/// not parse throws <see cref="ArgumentException"/> naming the variable or key and the value. docs/neo4j.md.
/// </summary>
public static class Neo4jSettings
{
    /// <summary>The convenience variable(s) of each field, in order of preference.</summary>
    private static readonly Dictionary<string, string[]> s_convenience = new(StringComparer.Ordinal)
    {
        [nameof(Neo4jOptions.Uri)] = ["NEO4J_URI"],
        [nameof(Neo4jOptions.User)] = ["NEO4J_USER", "NEO4J_USERNAME"],
        [nameof(Neo4jOptions.Password)] = ["NEO4J_PASSWORD"],
        [nameof(Neo4jOptions.Database)] = ["NEO4J_DATABASE"],
        [nameof(Neo4jOptions.BatchSize)] = ["NEO4J_BATCH_SIZE"],
    };

    /// <summary>The options from <paramref name="configured"/> (key → value, null when absent) and the convenience variables.</summary>
    /// <param name="configured">Looks up a field name (<c>Uri</c>, <c>BatchSize</c>, …) in the configuration.</param>
    /// <param name="keyPrefix">How a configured key is named in messages: <c>Neo4j:</c> (service) or <c>Neo4j__</c> (environment).</param>
    /// <param name="environment">Variables for the convenience names; the process environment when null.</param>
    public static Neo4jOptions Resolve(Func<string, string?> configured, string keyPrefix, IDictionary? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configured);
        environment ??= Environment.GetEnvironmentVariables();
        (string? Value, string Name) Get(string field)
        {
            if (configured(field) is { } value) return (value, keyPrefix + field);
            foreach (string name in s_convenience.GetValueOrDefault(field, []))
                if (environment[name] is string { Length: > 0 } v) return (v, name);
            return (null, keyPrefix + field);
        }
        var defaults = new Neo4jOptions();
        return new Neo4jOptions
        {
            Uri = Get(nameof(Neo4jOptions.Uri)).Value is { Length: > 0 } uri ? uri : null,
            Database = Get(nameof(Neo4jOptions.Database)).Value ?? defaults.Database,
            User = Get(nameof(Neo4jOptions.User)).Value ?? defaults.User,
            Password = Get(nameof(Neo4jOptions.Password)).Value,
            BatchSize = Int(Get(nameof(Neo4jOptions.BatchSize))) ?? defaults.BatchSize,
            RelationshipBatchSize = Int(Get(nameof(Neo4jOptions.RelationshipBatchSize))) ?? defaults.RelationshipBatchSize,
            MaxRetries = Int(Get(nameof(Neo4jOptions.MaxRetries))) ?? defaults.MaxRetries,
            InitialRetryDelay = Time(Get(nameof(Neo4jOptions.InitialRetryDelay))) ?? defaults.InitialRetryDelay,
            RequestTimeout = Time(Get(nameof(Neo4jOptions.RequestTimeout))) ?? defaults.RequestTimeout,
        };
    }

    /// <summary>From environment variables alone (the CLI): <c>Neo4j__{Field}</c>, then the convenience names.</summary>
    public static Neo4jOptions FromEnvironment(IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        return Resolve(field => environment["Neo4j__" + field] as string, "Neo4j__", environment);
    }

    private static int? Int((string? Value, string Name) setting) => setting.Value switch
    {
        null or "" => null,
        { } text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) => n,
        { } text => throw new ArgumentException($"{setting.Name} '{text}' is not an integer.", setting.Name),
    };

    private static TimeSpan? Time((string? Value, string Name) setting) => setting.Value switch
    {
        null or "" => null,
        { } text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan t) => t,
        { } text => throw new ArgumentException($"{setting.Name} '{text}' is not a time span (e.g. 00:05:00 for five minutes).", setting.Name),
    };
}
