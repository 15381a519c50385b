using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Influence.Core.IO;
using Influence.Core.Model;
using Spectre.Console;

namespace Influence.Cli.Commands;

/// <summary><c>influence defenders &lt;account&gt;</c>: the defender network (and critics) of one account, with the figures behind each verdict.</summary>
public static class DefendersCommand
{
    public static Command Build(CliContext context) => AccountCommand.Build(context, "defenders",
        "Show who actively, repeatedly and reciprocally supports an account (and who criticises it), with figures.\n" +
        "Example: influence defenders u42 --follows follows.csv --interactions interactions.csv --format table",
        ["table", "csv", "json"], (query, _) =>
        {
            DefenderNetwork network;
            try
            {
                network = DefenderNetworkView.Describe(query.Snapshot.Result, query.Snapshot.Input, query.Id);
            }
            catch (KeyNotFoundException ex)
            {
                throw new CliInputException(ex.Message);
            }
            switch (query.Format)
            {
                case "json":
                    context.Output.WriteLine(JsonSerializer.Serialize(network, QueryOutput.Json));
                    break;
                case "csv":
                    WriteCsv(context.Output, network);
                    break;
                default:
                    WriteTable(context.Output, network, query.Snapshot.Description);
                    break;
            }
            return ExitCodes.Ok;
        });

    /// <summary>CSV columns of <c>defenders --format csv</c>.</summary>
    public const string CsvHeader =
        "relation,account,strength,interactions,active_periods,target_follows_back,target_engages_back,mean_stance,community,followers,influence,role";

    private static void WriteCsv(TextWriter o, DefenderNetwork network)
    {
        o.WriteLine(CsvHeader);
        foreach (DefenderEntry d in network.Defenders) WriteRow(o, "defender", d);
        foreach (DefenderEntry c in network.Critics) WriteRow(o, "critic", c);
    }

    private static void WriteRow(TextWriter o, string relation, DefenderEntry e) =>
        o.WriteLine(string.Join(',',
            relation, Csv.Escape(e.Account), Csv.Number(e.Strength), Csv.Number(e.Interactions), Csv.Number(e.ActivePeriods),
            e.TargetFollowsBack ? "true" : "false", e.TargetEngagesBack ? "true" : "false",
            double.IsNaN(e.MeanStance) ? "" : Csv.Number(e.MeanStance), Csv.Number(e.Community), Csv.Number(e.Followers),
            Csv.Number(e.Influence), RoleNames.Name(e.Role)));

    private static void WriteTable(TextWriter o, DefenderNetwork n, string source)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        o.WriteLine($"Defender network of {n.Account} (community {n.Community}; {source})");
        o.WriteLine(string.Create(inv,
            $"Defenders: {n.Size}; density of ties among them: {(n.TiesKnown ? n.Density.ToString("0.###", inv) : n.Density.ToString("0.###", inv) + " (stored)")}; share of received engagement from them: {n.EngagementShare:0.###}"));
        if (n.Communities.Count > 0)
            o.WriteLine("Defenders by community: " + string.Join(", ", n.Communities.Select(c => $"{c.Key}: {c.Value}")));
        if (n.Defenders.Count > 0) QueryOutput.WriteTable(o, Table("Defenders", n.Defenders));
        if (n.Critics.Count > 0) QueryOutput.WriteTable(o, Table("Critics", n.Critics));
        if (n.TiesKnown && n.Ties.Count > 0)
            o.WriteLine("Ties among defenders: " + string.Join(", ", n.Ties.Take(30).Select(t => $"{t.A}–{t.B}")) + (n.Ties.Count > 30 ? $" … ({n.Ties.Count})" : ""));
    }

    private static Table Table(string title, IReadOnlyList<DefenderEntry> entries)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Ascii };
        foreach (string column in new[] { "account", "strength", "interactions", "periods", "followed back", "engaged back", "stance", "community", "followers", "role" })
            table.AddColumn(column);
        foreach (DefenderEntry e in entries)
            table.AddRow(
                Markup.Escape(e.Account), e.Strength.ToString("0.###", inv), e.Interactions.ToString("0.##", inv), e.ActivePeriods.ToString(inv),
                e.TargetFollowsBack ? "yes" : "no", e.TargetEngagesBack ? "yes" : "no",
                double.IsNaN(e.MeanStance) ? "-" : e.MeanStance.ToString("0.##", inv), e.Community.ToString(inv), e.Followers.ToString("N0", inv),
                RoleNames.Name(e.Role));
        return table;
    }
}
