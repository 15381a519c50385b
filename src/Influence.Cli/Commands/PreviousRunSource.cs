using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Influence.Core.Model;
using Influence.Storage.Sqlite;

namespace Influence.Cli.Commands;

/// <summary>
/// <c>analyze --previous &lt;run dir | store file&gt;</c>: the run a file-based analysis continues from (stable
/// community ids, warm start). A folder is an earlier <c>analyze --out</c> (its <c>accounts.csv</c> and
/// <c>summary.json</c>); a file is an embedded store, whose latest completed run is used.
/// </summary>
public sealed class PreviousRunSource
{
    public Option<string?> Previous { get; } = new("--previous")
    {
        Description = "Continue from an earlier run: its output folder (accounts.csv + summary.json) or a store file (latest completed run). " +
            "Community ids are matched to that run's; when the graph changed little, PageRank and Leiden start from it.",
        HelpName = "dir|store",
    };

    public Option<bool> NoWarmStart { get; } = new("--no-warm-start")
    {
        Description = "Compute PageRank and communities from scratch even when a previous run is known (ids are still matched).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Previous);
        command.Options.Add(NoWarmStart);
    }

    /// <summary>The previous run named by <c>--previous</c>, or null without the option.</summary>
    /// <exception cref="CliInputException">Missing or malformed files (file, line, field, reason) or an empty store.</exception>
    public async Task<PreviousRun?> LoadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Previous) is not { } path) return null;
        if (Directory.Exists(path)) return ReadRunFolder(path);
        if (!File.Exists(path))
            throw new CliInputException($"--previous: '{path}' is neither an analyze output folder nor a store file.");
        await using var store = new SqliteInfluenceStore(path);
        try
        {
            await store.InitializeAsync(cancellationToken);
            return await store.LoadPreviousRunAsync(cancellationToken)
                ?? throw new CliInputException($"--previous: the store {path} has no completed run.");
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or Influence.Storage.StoreUnavailableException)
        {
            throw new CliInputException($"--previous: '{path}' is not a readable store file: {ex.Message}", ex);
        }
    }

    /// <summary>Reads <c>id</c>, <c>community</c>, <c>pagerank</c>, <c>attention</c> of <c>accounts.csv</c> and the tie counts of <c>summary.json</c>.</summary>
    internal static PreviousRun ReadRunFolder(string dir)
    {
        string accountsPath = Path.Combine(dir, "accounts.csv"), summaryPath = Path.Combine(dir, "summary.json");
        foreach (string file in new[] { accountsPath, summaryPath })
            if (!File.Exists(file)) throw new CliInputException($"--previous: {file} not found (give the --out folder of an earlier analyze).");
        long edges;
        try
        {
            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            edges = summary.RootElement.GetProperty("follow_edges").GetInt64() + summary.RootElement.GetProperty("interaction_edges").GetInt64();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CliInputException($"{summaryPath}: needs the numbers 'follow_edges' and 'interaction_edges' of an analyze summary ({ex.Message})", ex);
        }

        var ids = new List<string>();
        var community = new List<int>();
        var pageRank = new List<double>();
        var attention = new List<double>();
        using var reader = new StreamReader(accountsPath);
        string header = reader.ReadLine() ?? throw new CliInputException($"{accountsPath}:1: empty file, expected the accounts.csv header.");
        List<string> names = SplitCsv(header, accountsPath, 1);
        int[] at = new[] { "id", "community", "pagerank", "attention" }.Select(name => names.IndexOf(name) is var i and >= 0 ? i
            : throw new CliInputException($"{accountsPath}:1: column '{name}' missing (expected an accounts.csv written by analyze).")).ToArray();
        int line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            List<string> fields = SplitCsv(text, accountsPath, line);
            if (fields.Count < names.Count - 1)
                throw new CliInputException($"{accountsPath}:{line}: {fields.Count} fields, the header has {names.Count}.");
            ids.Add(fields[at[0]]);
            community.Add(int.TryParse(fields[at[1]], NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) && c >= 0 ? c
                : throw new CliInputException($"{accountsPath}:{line}: field 'community': '{fields[at[1]]}' is not a community id (an integer >= 0)."));
            pageRank.Add(Score(fields[at[2]], "pagerank", accountsPath, line));
            attention.Add(Score(fields[at[3]], "attention", accountsPath, line));
        }
        return new PreviousRun(ids, community.ToArray(), pageRank.ToArray(), attention.ToArray(), edges);
    }

    private static double Score(string text, string field, string path, int line) =>
        text.Length == 0 ? 0   // undefined in that run: start from nothing
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= 0 ? v
        : throw new CliInputException($"{path}:{line}: field '{field}': '{text}' is not a score (a finite number >= 0).");

    /// <summary>Fields of one CSV line (RFC 4180 quoting, no line breaks inside fields, as analyze writes them).</summary>
    private static List<string> SplitCsv(string line, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) throw new CliInputException($"{path}:{lineNumber}: field {fields.Count + 1} has no closing quote.");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',') field.Append(line[i++]);
            }
            fields.Add(field.ToString());
            if (i >= line.Length) return fields;
            if (line[i] != ',') throw new CliInputException($"{path}:{lineNumber}: unexpected character after the closing quote of field {fields.Count}.");
            i++;
        }
    }
}
