using System.CommandLine;
using System.Globalization;
using Influence.Core.IO;
using Influence.Storage;

namespace Influence.Cli.Commands;

/// <summary>
/// <c>influence remove</c>: the operator's way out of bad data — deletes stored interactions and/or follows
/// matching a filter, audited in the store (who, when, filter, rows removed). <c>--list</c> shows the audit.
/// </summary>
public static class RemoveCommand
{
    public static Command Build(CliContext context)
    {
        var store = new StoreOptions();
        var what = new Option<string>("--what")
        {
            Description = $"What to delete: {RemovalFilter.TargetNames.List} (default interactions).",
            DefaultValueFactory = _ => RemovalFilter.TargetNames.Name(RemovalTarget.Interactions),
        };
        what.AcceptOnlyFromAmong([.. RemovalFilter.TargetNames.All]);
        var account = new Option<string?>("--account") { Description = "Rows where this account is the source or the target.", HelpName = "id" };
        var source = new Option<string?>("--source") { Description = "Rows from this account.", HelpName = "id" };
        var target = new Option<string?>("--target") { Description = "Rows to this account.", HelpName = "id" };
        var kind = new Option<string?>("--kind") { Description = $"Interactions of this kind: {RowRules.ValidKinds}.", HelpName = "kind" };
        var from = new Option<string?>("--from") { Description = "Rows with a time ≥ this (Unix seconds or ISO-8601; follows: since).", HelpName = "time" };
        var to = new Option<string?>("--to") { Description = "Rows with a time < this (Unix seconds or ISO-8601).", HelpName = "time" };
        var weightAbove = new Option<double?>("--weight-above") { Description = "Interactions with a weight above this (e.g. 1000000: rows stored before weights were bounded).", HelpName = "w" };
        var list = new Option<bool>("--list") { Description = "Show the removal audit (newest first) instead of removing." };
        var command = new Command("remove",
            "Delete stored interactions and/or follows matching a filter (all conditions must hold; at least one is required).\n" +
            "Every removal is recorded in the store's audit (who, when, filter, rows removed); --list shows it.\n" +
            "Example: influence remove --store data/influence.db --weight-above 1000000");
        store.AddTo(command);
        command.AddOptions(what, account, source, target, kind, from, to, weightAbove, list);

        command.SetAction(context, async (parse, cancellationToken) =>
        {
            CancellationToken ct = cancellationToken;
            if (!store.IsConfigured(parse)) throw new UsageException("remove needs a store: --store <file>, --neo4j or NEO4J_URI.");
            RemovalFilter? filter = parse.GetValue(list) ? null : Filter(parse, what, account, source, target, kind, from, to, weightAbove);
            await using OpenedStore opened = await store.OpenAsync(parse, ct, mustExist: true);
            CultureInfo inv = CultureInfo.InvariantCulture;
            if (filter is null)
            {
                foreach (RemovalRecord r in await opened.Store.ListRemovalsAsync(100, ct))
                    context.Output.WriteLine(string.Create(inv, $"#{r.Id} {r.At:yyyy-MM-ddTHH:mm:ssZ} {r.Actor}: {r.FilterJson} → {r.FollowsRemoved:N0} follows, {r.InteractionsRemoved:N0} interactions"));
                return ExitCodes.Ok;
            }
            string actor = $"cli:{Environment.UserName}@{Environment.MachineName}";
            RemovalRecord removed = await opened.Store.RemoveAsync(filter, actor, ct);
            context.Output.WriteLine($"Store: {opened.Description}");
            context.Output.WriteLine(string.Create(inv,
                $"Removed {removed.FollowsRemoved:N0} follows and {removed.InteractionsRemoved:N0} interactions matching {removed.FilterJson} (audit #{removed.Id}, by {actor})."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static RemovalFilter Filter(ParseResult parse, Option<string> what, Option<string?> account, Option<string?> source, Option<string?> target,
        Option<string?> kind, Option<string?> from, Option<string?> to, Option<double?> weightAbove)
    {
        var conditions = new RemovalFilter
        {
            Account = parse.GetValue(account),
            Source = parse.GetValue(source),
            Target = parse.GetValue(target),
            From = Time(parse.GetValue(from), "--from"),
            To = Time(parse.GetValue(to), "--to"),
            WeightAbove = parse.GetValue(weightAbove),
        };
        if (RemovalFilter.TryParse(parse.GetValue(what), parse.GetValue(kind), conditions, out RemovalFilter filter) is { } problem)
            throw new UsageException(problem.Field == "filter" ? $"remove filter: {problem.Reason}" : $"--{problem.Field}: {problem.Reason}");
        return filter;
    }

    private static long? Time(string? text, string option)
    {
        if (text is null) return null;
        return RowRules.ParseTimestamp(text, out long seconds) is { } reason ? throw new UsageException($"{option}: {reason}") : seconds;
    }
}
