using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Influence.Api.Options;

/// <summary>
/// Service settings, bound from the configuration section <c>Influence</c> (appsettings.json,
/// environment variables such as <c>Influence__ApiKey</c>, or <c>--Influence:ApiKey=…</c>) and validated on start.
/// </summary>
public sealed class InfluenceOptions
{
    public const string SectionName = "Influence";

    /// <summary>Folder of the embedded store (<c>influence.db</c>) and of the generated API key file.
    /// Default <c>./data</c>, relative to the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>API key for writes and runs (and reads when <see cref="RequireKeyForReads"/>). When empty,
    /// a key is generated on first start and kept in <c>{DataDirectory}/api-key</c> (mode 600).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Require the key for GET endpoints too. Default false (reads are open).</summary>
    public bool RequireKeyForReads { get; set; }

    /// <summary>Largest accepted request body in bytes (ingest); larger bodies get 413. Default 64 MiB.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most rows accepted in one ingest batch; more gets 413. Default 500,000.</summary>
    [Range(1, 50_000_000)]
    public int MaxIngestRows { get; set; } = 500_000;

    /// <summary>Largest page size of list endpoints. Default 500.</summary>
    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 500;

    /// <summary>Largest number of seeds accepted by the segment endpoint. Default 1,000.</summary>
    [Range(1, 100_000)]
    public int MaxSeeds { get; set; } = 1_000;

    /// <summary>Largest scatter sample. Default 50,000.</summary>
    [Range(10, 1_000_000)]
    public int MaxScatterPoints { get; set; } = 50_000;

    /// <summary>Accounts of the demo world generated when the store is empty on start; 0 disables it. Default 5,000.</summary>
    [Range(0, 10_000_000)]
    public int DemoAccounts { get; set; } = 5_000;

    /// <summary>Seed of the demo world and of the analysis (community detection). Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Run an analysis on start when the store has data but no completed run. Default true.</summary>
    public bool AnalyzeOnStartWhenNoRun { get; set; } = true;
}

/// <summary>Neo4j connection (configuration section <c>Neo4j</c>); the service uses Neo4j when <see cref="Uri"/> is set.</summary>
public sealed class Neo4jSettings
{
    public const string SectionName = "Neo4j";

    /// <summary>Base URL of the Neo4j HTTP Query API, e.g. <c>http://localhost:7474</c>. Empty = embedded SQLite store.</summary>
    [Description("Base URL of the Neo4j HTTP endpoint")]
    public string? Uri { get; set; }

    public string Database { get; set; } = "neo4j";
    public string User { get; set; } = "neo4j";
    public string? Password { get; set; }
}
