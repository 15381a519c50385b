using System.CommandLine;
using System.Text.Json;
using Influence.Core.Algorithms;
using Influence.Core.Model;

namespace Influence.Cli.Commands;

/// <summary>Options that shape one analysis run (seed, community detection).</summary>
public sealed class AnalysisOptions
{
    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Random seed of community detection: same seed and input, same output.",
        DefaultValueFactory = _ => 42,
    };

    public Option<string> Projection { get; } = new("--projection")
    {
        Description = "Undirected projection for communities: weighted (mutual pair weighs double) or simple.",
        DefaultValueFactory = _ => "weighted",
    };

    public Option<string> Algorithm { get; } = new("--algorithm")
    {
        Description = "Community detection algorithm.",
        DefaultValueFactory = _ => "leiden",
    };

    public Option<double> Resolution { get; } = new("--resolution")
    {
        Description = "Modularity resolution γ > 0 (larger = more, smaller communities).",
        DefaultValueFactory = _ => 1.0,
    };

    public Option<string> CommunityGraphOption { get; } = new("--community-graph")
    {
        Description = "Ties communities are found on: 'all' (follows and interactions) or 'follows'.",
        DefaultValueFactory = _ => "all",
    };

    public Option<string[]> KindWeight { get; } = new("--kind-weight")
    {
        Description = "Weight of one interaction of a kind, as kind=value (repeatable), e.g. --kind-weight share=5 " +
            "--kind-weight like=0.5. Defaults: reply 3, mention 2, share 4, quote 4, comment 3, like 1.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Threshold { get; } = new("--threshold")
    {
        Description = "Override a role/stage threshold by its name, as name=value (repeatable); names and meanings in docs/model.md.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<bool> KeepSuspectedFakes { get; } = new("--keep-suspected-fakes")
    {
        Description = "Count suspected fake followers (docs/audience-quality.md) in followers, reach, communities and roles. " +
            "By default they are left out (suspected_fake_followers still counts them).",
    };

    public Option<string> MemoryLimit { get; } = new("--memory-limit")
    {
        Description = "Memory the run may use, e.g. 8GiB or 512MB; a run whose estimate exceeds it is refused before it allocates. " +
            "Default: the memory available to the process.",
        HelpName = "size",
    };

    public AnalysisOptions()
    {
        MemoryLimit.Validators.Add(result =>
        {
            string? text = result.GetValueOrDefault<string>();
            if (text is not null && !RunEstimator.TryParseBytes(text, out _))
                result.AddError($"--memory-limit '{text}': expected a positive size such as 8GiB, 512MiB, 2GB or a byte count.");
        });
        Projection.AcceptOnlyFromAmong("weighted", "simple");
        Algorithm.AcceptOnlyFromAmong("leiden", "louvain");
        CommunityGraphOption.AcceptOnlyFromAmong("all", "follows");
        InputOptions.RequirePositive(Resolution);
    }

    public void AddTo(Command command)
    {
        command.AddOptions(Seed, Projection, Algorithm, Resolution, CommunityGraphOption, KindWeight, Threshold, KeepSuspectedFakes, MemoryLimit);
    }

    /// <summary>The run's memory limit (<see cref="RunMemoryCheck.Limit"/>).</summary>
    public (long Bytes, string Source) MemoryLimitOf(ParseResult parse) =>
        RunMemoryCheck.Limit(RunEstimator.TryParseBytes(parse.GetValue(MemoryLimit), out long bytes) ? bytes : null);

    /// <summary>The configuration the options describe; an invalid combination is a usage error.</summary>
    public InfluenceConfig Config(ParseResult parse)
    {
        var config = new InfluenceConfig
        {
            Community = new CommunityConfig
            {
                Seed = parse.GetValue(Seed),
                Resolution = parse.GetValue(Resolution),
                Algorithm = parse.GetValue(Algorithm) == "louvain" ? CommunityAlgorithm.Louvain : CommunityAlgorithm.Leiden,
                Projection = parse.GetValue(Projection) == "simple" ? CommunityProjection.Simple : CommunityProjection.Weighted,
            },
            CommunityGraph = parse.GetValue(CommunityGraphOption) == "follows" ? CommunityGraph.Follows : CommunityGraph.FollowsAndInteractions,
            KindWeights = KindWeightsFrom(parse.GetValue(KindWeight) ?? []),
            ThresholdOverrides = ThresholdsFrom(parse.GetValue(Threshold) ?? []),
            Audience = new() { ExcludeSuspectedFakes = !parse.GetValue(KeepSuspectedFakes) },
        };
        try
        {
            config.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
        return config;
    }

    /// <summary>Parses <c>kind=value</c> pairs over the default weights; a bad pair is a usage error naming it.</summary>
    internal static KindWeights KindWeightsFrom(IEnumerable<string> pairs)
    {
        var overrides = new List<KeyValuePair<string, double>>();
        foreach (string pair in pairs)
        {
            (string name, double value) = Pair(pair, "--kind-weight");
            overrides.Add(new(name, value));
        }
        try
        {
            return KindWeights.WithOverrides(overrides);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--kind-weight: {ex.Message.Split(" (Parameter")[0]}");
        }
    }

    /// <summary>Parses <c>name=value</c> threshold overrides; names are checked by the model's validation.</summary>
    internal static Dictionary<string, double> ThresholdsFrom(IEnumerable<string> pairs)
    {
        var overrides = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            (string name, double value) = Pair(pair, "--threshold");
            overrides[name] = value;
        }
        return overrides;
    }

    private static (string Name, double Value) Pair(string pair, string option)
    {
        int eq = pair.IndexOf('=');
        if (eq <= 0 || eq == pair.Length - 1)
            throw new UsageException($"{option} '{pair}': expected name=value.");
        string name = pair[..eq].Trim();
        if (!double.TryParse(pair[(eq + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value))
            throw new UsageException($"{option} '{pair}': '{pair[(eq + 1)..]}' is not a number.");
        return (name, value);
    }

    /// <summary>The run parameters as JSON (stored with a run in the store).</summary>
    public string ParametersJson(ParseResult parse) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["seed"] = parse.GetValue(Seed),
        ["algorithm"] = parse.GetValue(Algorithm) ?? "leiden",
        ["projection"] = parse.GetValue(Projection) ?? "weighted",
        ["resolution"] = parse.GetValue(Resolution),
        ["community_graph"] = parse.GetValue(CommunityGraphOption) ?? "all",
        ["kind_weights"] = parse.GetValue(KindWeight) ?? [],
        ["thresholds"] = parse.GetValue(Threshold) ?? [],
    });

    /// <summary>Runs the analysis with progress on one "analyse" bar (stage name as detail).</summary>
    public static InfluenceAnalysisResult Run(InfluenceInput input, InfluenceConfig config, ProgressSink progress, CancellationToken cancellationToken)
    {
        const string task = "analyse";
        string? previousStage = null;
        var stageClock = System.Diagnostics.Stopwatch.StartNew();
        var report = new SyncProgress<AnalysisProgress>(p =>
        {
            if (previousStage is not null && p.Stage != previousStage)
            {
                // Each stage once, with its time and the memory after it (a large run's breakdown; docs/performance.md).
                progress.Complete($"stage {previousStage}", StageMemory.After(stageClock.Elapsed));
                stageClock.Restart();
            }
            // Community detection's projection and level graphs (~700 MB on the 1M / 10M benchmark graph) die when
            // the stage ends, but no collection follows on its own before the per-account arrays are allocated
            // beside them; handing them back here keeps the peak resident set near the live data.
            if (previousStage == "communities" && p.Stage != previousStage) MemoryHygiene.ReleaseGarbage();
            previousStage = p.Stage;
            progress.Report(task, Math.Min(p.Percent, 99.9), p.Stage);
        });
        progress.Report(task, 0);
        InfluenceAnalysisResult result = InfluenceAnalyzer.Run(input, config, report, cancellationToken);
        progress.Complete(task);
        return result;
    }
}
