using System.CommandLine;
using Influence.Cli.Commands;
using Influence.Core.IO;
using Influence.Storage;

namespace Influence.Cli;

/// <summary>
/// The <c>influence</c> command line: builds the command tree and maps failures to exit codes
/// (<see cref="ExitCodes"/>). Callable in-process with any writers, which is how the tests run it.
/// </summary>
public static class CliApp
{
    /// <summary>Builds the root command; actions write through <paramref name="context"/>.</summary>
    public static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "influence: tells influence apart from popularity in a social network (follows + interactions).\n" +
            "Exit codes: 0 ok, 1 bad input or store problem (file, line, field, reason on stderr), 2 usage error,\n" +
            "3 out of memory (see 'influence estimate' and --memory-limit), 70 internal error (a bug: one line on stderr), 130 cancelled.");
        root.Subcommands.Add(AnalyzeCommand.Build(context));
        root.Subcommands.Add(ImportCommand.Build(context));
        root.Subcommands.Add(RemoveCommand.Build(context));
        root.Subcommands.Add(DefendersCommand.Build(context));
        root.Subcommands.Add(AudienceCommand.Build(context));
        root.Subcommands.Add(InfluencersCommand.Build(context));
        root.Subcommands.Add(PlanCommand.Build(context));
        root.Subcommands.Add(OverlapCommand.Build(context));
        root.Subcommands.Add(DemoCommand.Build(context));
        root.Subcommands.Add(InspectCommand.Build(context));
        root.Subcommands.Add(ExportCommand.Build(context));
        root.Subcommands.Add(RunsCommand.Build(context));
        root.Subcommands.Add(EstimateCommand.Build(context));
        root.Subcommands.Add(PathCommand.Build(context));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive = false,
        CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, interactive, cancellationToken);
        RootCommand root = BuildRootCommand(context);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            string command = parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ";
            string problems = string.Join("; ", parsed.Errors.Select(e => OneLine(e.Message)));
            await error.WriteLineAsync($"error: {problems} (run 'influence {command}--help' for usage)");
            return ExitCodes.Usage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            }, cancellationToken);
        }
        catch (Exception ex)
        {
            var (code, message) = ToExitCode(ex);
            await error.WriteLineAsync($"error: {OneLine(message)}");
            return code;
        }
    }

    /// <summary>
    /// Every failure → one line and a documented exit code (docs/cli.md). Known failures say what to fix;
    /// anything else is a bug, reported as one line with exit code <see cref="ExitCodes.Internal"/>, never a stack trace.
    /// </summary>
    public static (int Code, string Message) ToExitCode(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: 1 } e => ToExitCode(e.InnerExceptions[0]),
        // Parallel stages (community detection, PageRank) can run out on several threads at once.
        AggregateException e when e.InnerExceptions.All(inner => inner is OutOfMemoryException) => OutOfMemory(),
        InputFormatException e => (ExitCodes.BadInput, e.Error.ToString()),
        StoreValidationException e => (ExitCodes.BadInput, e.Errors.Count > 0
            ? $"{e.Errors.Count} invalid record(s); first: {e.Errors[0]}" : e.Message),
        StoreUnavailableException e => (ExitCodes.BadInput, e.Message),
        RunLeaseLostException e => (ExitCodes.BadInput, e.Message),
        RunInProgressException e => (ExitCodes.BadInput, e.Message),
        Influence.Core.Model.RunTooLargeException e => (ExitCodes.BadInput, e.Message),
        CliInputException e => (ExitCodes.BadInput, e.Message),
        UsageException e => (ExitCodes.Usage, e.Message),
        FileNotFoundException e => (ExitCodes.BadInput, $"file not found: {e.FileName ?? e.Message}"),
        DirectoryNotFoundException e => (ExitCodes.BadInput, e.Message),
        UnauthorizedAccessException e => (ExitCodes.BadInput, e.Message),
        IOException e => (ExitCodes.BadInput, e.Message),
        InvalidDataException e => (ExitCodes.BadInput, e.Message),
        System.Data.Common.DbException e => (ExitCodes.BadInput, $"store error: {e.Message}"),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
        // The model's and the store's checks of data handed to them (e.g. a row stored before a rule existed).
        ArgumentException e => (ExitCodes.BadInput, e.Message),
        OutOfMemoryException => OutOfMemory(),
        _ => (ExitCodes.Internal, $"internal error ({ex.GetType().Name}): {ex.Message} — this is a bug; please report it with the command line"),
    };

    /// <summary>Out of memory is the input's size against this machine, not a bug: say how to size the run instead.</summary>
    private static (int Code, string Message) OutOfMemory() => (ExitCodes.OutOfMemory,
        "out of memory: this run needs more memory than the process could get (machine, container or GC heap limit). " +
        "'influence estimate --accounts N --follows M --interactions K' shows what a run of that size needs; " +
        "pass --memory-limit (e.g. --memory-limit 8GiB) so a run that would not fit is refused before it allocates, " +
        "or analyse a smaller graph on this machine");

    /// <summary>A message on one line: line breaks folded, at most 2,000 characters.</summary>
    public static string OneLine(string message)
    {
        string flat = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length <= 2000 ? flat : flat[..2000] + "…";
    }
}

/// <summary>A combination of options that the parser cannot reject by itself (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
