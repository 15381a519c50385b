using System.ComponentModel.DataAnnotations;

namespace Influence.Api.Options;

/// <summary>
/// Service settings, bound from the configuration section <c>Influence</c> (appsettings.json,
/// environment variables such as <c>Influence__ApiKey</c>, or <c>--Influence:ApiKey=…</c>) and validated on start.
/// </summary>
public sealed class InfluenceOptions
{
    public const string SectionName = "Influence";

    /// <summary>Folder of the embedded store (<c>influence.db</c>) and of the generated API key file, created 0700 with
    /// both files 0600. Default <c>./data</c>, relative to the working directory.</summary>
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

    /// <summary>Use the leaner benchmark profile of the generator for the demo world (≈10 follows and 5 interactions
    /// per account; used by bench/load for 1M accounts). Default false.</summary>
    public bool DemoBenchmarkProfile { get; set; }

    /// <summary>Plant follower purchases and organic viral spikes on the demo world (<c>AudiencePlanting</c> defaults,
    /// docs/audience-quality.md), so the audience views have something to show. Default false.</summary>
    public bool DemoAudiencePlants { get; set; }

    /// <summary>Memory an analysis run may use, in bytes; a run whose estimate (<c>influence estimate</c>) exceeds it is
    /// refused before it reads the graph and recorded failed with the figures. 0 (default) = the memory available to
    /// the process (machine or container limit).</summary>
    [Range(0, long.MaxValue)]
    public long MemoryLimitBytes { get; set; }

    /// <summary>Seed of the demo world and of the analysis (community detection). Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Per-kind interaction weights by kind name (e.g. <c>"share": 5, "like": 0.5</c>); kinds not named keep
    /// their defaults (reply 3, mention 2, share 4, quote 4, comment 3, like 1).</summary>
    public Dictionary<string, double> KindWeights { get; set; } = [];

    /// <summary>Role/stage threshold overrides by name (docs/model.md lists them), e.g. <c>"large_audience_percentile": 98</c>.</summary>
    public Dictionary<string, double> Thresholds { get; set; } = [];

    /// <summary>Leave suspected fake followers (docs/audience-quality.md) out of followers, reach, communities and roles.
    /// Default true; false describes the follow graph exactly as stored.</summary>
    public bool ExcludeSuspectedFakes { get; set; } = true;

    /// <summary>The analysis configuration these settings describe.</summary>
    /// <exception cref="ArgumentException">A kind weight or threshold override is invalid (the message names it).</exception>
    public Core.Model.InfluenceConfig AnalysisConfig()
    {
        var config = new Core.Model.InfluenceConfig
        {
            Community = new() { Seed = Seed },
            KindWeights = Core.Model.KindWeights.WithOverrides(KindWeights),
            ThresholdOverrides = new Dictionary<string, double>(Thresholds, StringComparer.Ordinal),
            Audience = new() { ExcludeSuspectedFakes = ExcludeSuspectedFakes },
        };
        config.Validate();
        return config;
    }

    /// <summary>Share of requests logged (one line each: method, path, status, time), 0..1. Default 0: no request is
    /// logged. 0.01 logs every 100th request.</summary>
    [Range(0.0, 1.0)]
    public double RequestLogSampleRate { get; set; }

    /// <summary>Run an analysis on start when the store has data but no completed run. Default true.</summary>
    public bool AnalyzeOnStartWhenNoRun { get; set; } = true;

    /// <summary>How often, in seconds, the service asks the store whether another process (a second replica, an
    /// <c>influence analyze --store</c> job) completed a newer run, and then serves it. 0 turns it off. Default 5.</summary>
    [Range(0.0, 86_400.0)]
    public double RunPollSeconds { get; set; } = 5;
}
