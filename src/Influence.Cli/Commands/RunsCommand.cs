using System.CommandLine;
using System.Globalization;
using Influence.Core.IO;
using Influence.Storage;

namespace Influence.Cli.Commands;

/// <summary>
/// <c>influence runs</c>: the store's analysis runs, newest first, with owner and lease. Looking is also
/// cleaning up: runs whose owner stopped renewing its lease (a killed process) are marked failed first.
/// </summary>
public static class RunsCommand
{
    /// <summary>Columns of the CSV the command prints.</summary>
    public const string CsvHeader = "id,state,started_at,completed_at,owner,lease_expires_at,error";

    public static Command Build(CliContext context)
    {
        var store = new StoreOptions();
        var command = new Command("runs",
            "List the store's analysis runs (newest first) with state, owner and lease; runs abandoned by a stopped\n" +
            "process (lease expired) are marked failed first.\n" +
            "Example: influence runs --store data/influence.db");
        store.AddTo(command);
        command.SetAction(context, async (parse, cancellationToken) =>
        {
            await using OpenedStore opened = await store.OpenAsync(parse, cancellationToken, mustExist: true);
            foreach (RunInfo failed in await opened.Store.FailExpiredRunsAsync(cancellationToken))
                context.Error.WriteLine($"run {failed.Id}: marked failed ({failed.Error})");
            IReadOnlyList<RunInfo> runs = await opened.Store.ListRunsAsync(cancellationToken);
            TextWriter o = context.Output;
            o.Write(CsvHeader);
            o.Write('\n');
            foreach (RunInfo run in runs)
            {
                o.Write(string.Join(',',
                    Csv.Number(run.Id), run.State, Time(run.StartedAt), Time(run.CompletedAt),
                    Csv.Escape(run.Owner ?? ""), Time(run.LeaseExpiresAt), Csv.Escape(OneLine(run.Error))));
                o.Write('\n');
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "";

    private static string OneLine(string? text) => text is null ? "" : text.ReplaceLineEndings(" ");
}
