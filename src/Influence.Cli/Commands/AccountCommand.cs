using System.CommandLine;

namespace Influence.Cli.Commands;

/// <summary>What a command about one account is handed: the parse, the data source, the loaded analysis, the account's id and the chosen <c>--format</c>.</summary>
public sealed record AccountQuery(ParseResult Parse, AnalysisSource Source, AnalysisSnapshot Snapshot, string Id, string Format);

/// <summary>
/// The commands about one account of an analysis (<c>audience</c>, <c>defenders</c>), built one way: the <c>account</c>
/// argument, the data-source options (files or a store), <c>--format</c> (the first of its formats by default), and an
/// action that loads the analysis and hands the account over to the command's writer.
/// </summary>
public static class AccountCommand
{
    /// <param name="description">The help text, ending with an example.</param>
    /// <param name="formats">The <c>--format</c> values, the default first.</param>
    /// <param name="write">Writes the answer for the account; returns the exit code.</param>
    public static Command Build(CliContext context, string name, string description, string[] formats,
        Func<AccountQuery, CancellationToken, int> write)
    {
        var source = new AnalysisSource();
        var account = CommandParts.AccountArgument();
        var format = CommandParts.FormatOption("Output format.", formats);
        var command = new Command(name, description);
        command.Arguments.Add(account);
        source.AddTo(command);
        command.Options.Add(format);
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            string id = parse.GetRequiredValue(account);
            AnalysisSnapshot snapshot = await source.LoadAsync(parse, context, cancellationToken);
            return write(new AccountQuery(parse, source, snapshot, id, parse.GetValue(format)!), cancellationToken);
        });
        return command;
    }
}
