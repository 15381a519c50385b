using System.Globalization;
using Influence.Core.Model;

namespace Influence.Storage.Neo4j;

/// <summary>Rows written by <see cref="Neo4jAdminImportExporter"/>.</summary>
public sealed record Neo4jAdminExportCounts(int Accounts, long Follows, long Interactions, long DuplicateInteractionsSkipped);

/// <summary>
/// Writes a graph as the CSV files of <c>neo4j-admin database import full</c> (offline bulk load, far
/// faster than Cypher for a first load of millions of edges), in the same model the store uses:
/// <c>accounts.csv</c> (<c>id:ID(Account),:LABEL</c>), <c>follows.csv</c>
/// (<c>:START_ID(Account),:END_ID(Account),:TYPE,active:boolean</c>) and <c>interactions.csv</c>
/// (<c>:START_ID(Account),:END_ID(Account),:TYPE,key,kind,at:long,weight:double,stance:double</c>).
/// </summary>
/// <remarks>
/// Pure: writes to the writers handed in. Interactions with the same natural key (source, target,
/// kind, timestamp) are written once, the first one winning, as the store's MERGE would. Unknown
/// timestamps and stances are left empty (no property). Fields are quoted when they hold a comma, a
/// quote, a line break or edge whitespace; quotes are doubled (the tool's defaults).
/// Load with: <c>neo4j-admin database import full neo4j --nodes=accounts.csv --relationships=follows.csv
/// --relationships=interactions.csv</c> (see docs/neo4j.md).
/// </remarks>
public static class Neo4jAdminImportExporter
{
    public const string AccountsHeader = "id:ID(Account),:LABEL";
    public const string FollowsHeader = ":START_ID(Account),:END_ID(Account),:TYPE,active:boolean";
    public const string InteractionsHeader = ":START_ID(Account),:END_ID(Account),:TYPE,key,kind,at:long,weight:double,stance:double";

    /// <summary>The node label and relationship types the files carry (the store's model).</summary>
    public const string AccountLabel = "Account", FollowsType = "FOLLOWS", InteractedType = "INTERACTED";

    /// <summary>The <c>key</c> property of an interaction (what the store MERGEs on besides its ends).</summary>
    public static string InteractionKey(InteractionKind kind, long? at) => Neo4jRows.InteractionKey(kind, at);

    /// <summary>The column names of a header (a Parquet export names its columns so: neo4j-admin reads the same syntax there).</summary>
    public static string[] Columns(string header) => header.Split(',');

    /// <summary>
    /// The interactions the export writes, as indices into <paramref name="input"/>'s log: one per natural key (source,
    /// target, kind, timestamp), the first winning, as the store's MERGE would.
    /// </summary>
    /// <exception cref="ArgumentException">An interaction refers to a node missing from the id map.</exception>
    public static int[] KeptInteractions(InfluenceInput input, out long duplicates)
    {
        ArgumentNullException.ThrowIfNull(input);
        int n = input.Ids.Count;
        var log = input.Interactions;
        var seen = new HashSet<(int, int, InteractionKind, long)>(log.Count);
        var kept = new List<int>(log.Count);
        ReadOnlySpan<int> sources = log.Source, targets = log.Target;
        ReadOnlySpan<InteractionKind> kinds = log.Kind;
        ReadOnlySpan<long> times = log.Timestamp;
        duplicates = 0;
        for (int i = 0; i < log.Count; i++)
        {
            int s = sources[i], t = targets[i];
            if ((uint)s >= (uint)n || (uint)t >= (uint)n)
                throw new ArgumentException($"Interaction {i} links node {s} → {t}, outside the id map's 0..{n - 1}.", nameof(input));
            if (seen.Add((s, t, kinds[i], times[i]))) kept.Add(i);
            else duplicates++;
        }
        return [.. kept];
    }

    /// <summary>Writes the three files' contents.</summary>
    /// <exception cref="ArgumentException">The input's follow graph or interactions refer to nodes missing from its id map.</exception>
    public static Neo4jAdminExportCounts Write(InfluenceInput input, TextWriter accounts, TextWriter follows, TextWriter interactions)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(follows);
        ArgumentNullException.ThrowIfNull(interactions);
        var ids = input.Ids;
        int n = ids.Count;
        if (input.Follows.NodeCount > n)
            throw new ArgumentException($"The follow graph has {input.Follows.NodeCount} nodes but the id map only {n} ids.", nameof(input));

        accounts.Write(AccountsHeader);
        accounts.Write('\n');
        for (int v = 0; v < n; v++)
        {
            WriteField(accounts, ids[v]);
            accounts.Write(',');
            accounts.Write(AccountLabel);
            accounts.Write('\n');
        }

        follows.Write(FollowsHeader);
        follows.Write('\n');
        long followRows = 0;
        var graph = input.Follows;
        for (int v = 0; v < graph.NodeCount; v++)
        {
            foreach (int t in graph.OutNeighbors(v))
            {
                WriteField(follows, ids[v]);
                follows.Write(',');
                WriteField(follows, ids[t]);
                follows.Write(',');
                follows.Write(FollowsType);
                follows.Write(",true\n");
                followRows++;
            }
        }

        interactions.Write(InteractionsHeader);
        interactions.Write('\n');
        var log = input.Interactions;
        int[] kept = KeptInteractions(input, out long duplicates);
        ReadOnlySpan<int> sources = log.Source, targets = log.Target;
        ReadOnlySpan<InteractionKind> kinds = log.Kind;
        ReadOnlySpan<long> times = log.Timestamp;
        ReadOnlySpan<double> weights = log.Weight, stances = log.Stance;
        foreach (int i in kept)
        {
            long? at = times[i] == InteractionLog.NoTimestamp ? null : times[i];
            WriteField(interactions, ids[sources[i]]);
            interactions.Write(',');
            WriteField(interactions, ids[targets[i]]);
            interactions.Write(',');
            interactions.Write(InteractedType);
            interactions.Write(',');
            interactions.Write(Neo4jRows.InteractionKey(kinds[i], at));
            interactions.Write(',');
            interactions.Write(InteractionKinds.Name(kinds[i]));
            interactions.Write(',');
            if (at is long a) interactions.Write(a.ToString(CultureInfo.InvariantCulture));
            interactions.Write(',');
            interactions.Write(weights[i].ToString("R", CultureInfo.InvariantCulture));
            interactions.Write(',');
            if (!double.IsNaN(stances[i])) interactions.Write(stances[i].ToString("R", CultureInfo.InvariantCulture));
            interactions.Write('\n');
        }
        long interactionRows = kept.Length;
        return new Neo4jAdminExportCounts(n, followRows, interactionRows, duplicates);
    }

    /// <summary>Writes <c>accounts.csv</c>, <c>follows.csv</c> and <c>interactions.csv</c> (UTF-8, no BOM) into <paramref name="directory"/>, creating it.</summary>
    /// <exception cref="IOException">The directory cannot be created or a file cannot be written (message names the path).</exception>
    public static Neo4jAdminExportCounts WriteToDirectory(InfluenceInput input, string directory)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        try
        {
            Directory.CreateDirectory(directory);
            var utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            using var accounts = new StreamWriter(Path.Combine(directory, "accounts.csv"), false, utf8);
            using var follows = new StreamWriter(Path.Combine(directory, "follows.csv"), false, utf8);
            using var interactions = new StreamWriter(Path.Combine(directory, "interactions.csv"), false, utf8);
            return Write(input, accounts, follows, interactions);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"Cannot write the neo4j-admin import files into '{directory}': {e.Message}", e);
        }
    }

    private static void WriteField(TextWriter writer, string value)
    {
        bool quote = value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])
            || value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!quote)
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
