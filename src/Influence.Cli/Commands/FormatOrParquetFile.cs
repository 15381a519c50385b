using System.CommandLine;
using System.CommandLine.Parsing;

namespace Influence.Cli.Commands;

/// <summary>
/// The <c>--format</c> of a query command that writes its answer on stdout or, with <c>--format parquet</c>, as a
/// Parquet file named by <c>--out</c>: the two options and the rule that ties them (parquet needs <c>--out</c>,
/// <c>--out</c> needs parquet), written once for <c>influencers</c> and <c>plan</c>.
/// </summary>
public sealed class FormatOrParquetFile(Option<string> format)
{
    public Option<string> Format { get; } = format;

    public Option<string?> Out { get; } = new("--out", "-o") { Description = "File for --format parquet (written only on success).", HelpName = "file" };

    /// <summary>Adds <see cref="Format"/> then <see cref="Out"/>; the command calls <see cref="Check"/> from its validator.</summary>
    public void AddTo(Command command) => command.AddOptions(Format, Out);

    /// <summary>Adds the error of a <c>--format parquet</c> without <c>--out</c>, or an <c>--out</c> without parquet.</summary>
    public void Check(CommandResult result)
    {
        // The format's token, not its value: a value the option refuses must reach its own error, not throw here.
        if ((result.GetResult(Format)?.Tokens.LastOrDefault()?.Value == "parquet") != (result.GetValue(Out) is not null))
            result.AddError("--format parquet writes a file: give it with --out <file> (and --out only with --format parquet).");
    }

    /// <summary>The Parquet file to write, or null to write <see cref="FormatOf"/> on stdout.</summary>
    public string? ParquetPath(ParseResult parse) => parse.GetValue(Out);

    public string FormatOf(ParseResult parse) => parse.GetValue(Format)!;
}
