using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Cli.Commands;

/// <summary>The options every file-reading command shares (one instance per command).</summary>
public sealed class InputOptions
{
    private static readonly string[] s_formats = ["auto", "csv", "jsonl", "edgelist", "parquet"];

    public Option<string?> Follows { get; } = new("--follows")
    {
        Description = "Follow edges (u follows v): CSV with header source,target[,since], JSON Lines, SNAP edge list 'src dst', or Parquet (same column names); gzip and Parquet detected.",
        HelpName = "file",
    };

    public Option<string?> Interactions { get; } = new("--interactions")
    {
        Description = "Interactions (u acted on v): CSV with header source,target,kind[,timestamp][,weight][,stance], JSON Lines, edge list, or Parquet; gzip and Parquet detected.",
        HelpName = "file",
    };

    public Option<string?> InteractionsKind { get; } = new("--interactions-kind")
    {
        Description = $"Kind of every interaction of an edge list without kind column: {RowRules.ValidKinds}.",
        HelpName = "kind",
    };

    public Option<string> FollowsFormat { get; } = new("--follows-format")
    {
        Description = "Format of --follows (default: from the extension, then the content).",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string> InteractionsFormat { get; } = new("--interactions-format")
    {
        Description = "Format of --interactions (default: from the extension, then the content).",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string> ThirdColumn { get; } = new("--edgelist-third-column")
    {
        Description = "Meaning of the third column of a 3-column interaction edge list.",
        DefaultValueFactory = _ => "weight",
    };

    public Option<string?> SourceColumn { get; } = new("--source-column")
    {
        Description = "Header name of the source column when not source/src/from/follower (e.g. 'following').",
        HelpName = "name",
    };

    public Option<string?> TargetColumn { get; } = new("--target-column")
    {
        Description = "Header name of the target column when not target/dst/to/followee/followed.",
        HelpName = "name",
    };

    public Option<bool> SkipInvalid { get; } = new("--skip-invalid")
    {
        Description = "Skip malformed rows (each written to the rejects file) instead of stopping at the first one.",
    };

    public Option<string?> Rejects { get; } = new("--rejects")
    {
        Description = "Where --skip-invalid writes the bad rows (CSV file,line,field,reason,raw_line).",
        HelpName = "file",
    };

    public InputOptions()
    {
        FollowsFormat.AcceptOnlyFromAmong(s_formats);
        InteractionsFormat.AcceptOnlyFromAmong(s_formats);
        ThirdColumn.AcceptOnlyFromAmong("weight", "timestamp");
        InteractionsKind.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string?>();
            if (value is not null && !InteractionKinds.TryParse(value, out _))
                result.AddError($"unknown interaction kind '{value}'; valid kinds: {RowRules.ValidKinds}");
        });
    }

    /// <summary>Adds the options to <paramref name="command"/>; <paramref name="withRejects"/> adds --skip-invalid/--rejects.</summary>
    public void AddTo(Command command, bool withRejects = true)
    {
        command.AddOptions(Follows, Interactions, InteractionsKind, FollowsFormat, InteractionsFormat, ThirdColumn, SourceColumn, TargetColumn);
        if (withRejects)
        {
            command.Options.Add(SkipInvalid);
            command.Options.Add(Rejects);
            command.Validators.Add(result =>
            {
                if (result.GetValue(Rejects) is not null && !result.GetValue(SkipInvalid))
                    result.AddError("--rejects needs --skip-invalid (in strict mode the first bad row stops the command).");
            });
        }
    }

    /// <summary>True when a file option was given.</summary>
    public bool HasFiles(ParseResult parse) => parse.GetValue(Follows) is not null || parse.GetValue(Interactions) is not null;

    /// <summary>The same, for a command's validators (before the action runs).</summary>
    public bool HasFiles(CommandResult result) => result.GetValue(Follows) is not null || result.GetValue(Interactions) is not null;

    public InputSpec Spec(ParseResult parse)
    {
        string? kindText = parse.GetValue(InteractionsKind);
        InteractionKind? kind = kindText is not null && InteractionKinds.TryParse(kindText, out InteractionKind k) ? k : null;
        return new InputSpec
        {
            FollowsPath = parse.GetValue(Follows),
            InteractionsPath = parse.GetValue(Interactions),
            FollowsFormat = ParseFormat(parse.GetValue(FollowsFormat)),
            InteractionsFormat = ParseFormat(parse.GetValue(InteractionsFormat)),
            EdgeListKind = kind,
            EdgeListThirdColumn = parse.GetValue(ThirdColumn) == "timestamp" ? EdgeListThirdColumn.Timestamp : EdgeListThirdColumn.Weight,
            SourceColumn = parse.GetValue(SourceColumn),
            TargetColumn = parse.GetValue(TargetColumn),
            SkipInvalid = parse.GetValue(SkipInvalid),
        };
    }

    private static InputFormat ParseFormat(string? text) => text switch
    {
        "csv" => InputFormat.Csv,
        "jsonl" => InputFormat.JsonLines,
        "edgelist" => InputFormat.EdgeList,
        "parquet" => InputFormat.Parquet,
        _ => InputFormat.Auto,
    };

    /// <summary>Validator helper: a positive finite number.</summary>
    public static void RequirePositive(Option<double> option) => option.Validators.Add(result =>
    {
        double value = result.GetValueOrDefault<double>();
        if (!(value > 0) || !double.IsFinite(value))
            result.AddError($"{option.Name} must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}");
    });

    /// <summary>Validator helper: an integer ≥ <paramref name="minimum"/>.</summary>
    public static void RequireAtLeast(Option<int> option, int minimum) => option.Validators.Add(result =>
    {
        int value = result.GetValueOrDefault<int>();
        if (value < minimum) result.AddError($"{option.Name} must be at least {minimum}, got {value}");
    });
}
