using System.Reflection;
using System.Text.RegularExpressions;
using Influence.Cli;
using Influence.Core.Model;
using Influence.Parquet;
using Influence.Storage;
using Influence.Storage.Neo4j;
using Influence.Storage.Sqlite;
using Influence.Tests.Shared;

namespace Influence.Architecture.Tests;

/// <summary>
/// The layer rules of docs/architecture.md, checked on the built assemblies, so the house keeps standing when someone
/// forgets them: Core is pure; only adapters know their database; only the Neo4j adapter talks HTTP; Cypher lives in cypher/.
/// </summary>
public sealed partial class LayerRuleTests
{
    private static readonly AssemblyFacts s_core = AssemblyFacts.Of(typeof(InfluenceConfig).Assembly);
    private static readonly AssemblyFacts s_storage = AssemblyFacts.Of(typeof(IInfluenceStore).Assembly);
    private static readonly AssemblyFacts s_sqlite = AssemblyFacts.Of(typeof(SqliteInfluenceStore).Assembly);
    private static readonly AssemblyFacts s_neo4j = AssemblyFacts.Of(typeof(Neo4jInfluenceStore).Assembly);
    private static readonly AssemblyFacts s_api = AssemblyFacts.Of(typeof(Program).Assembly);
    private static readonly AssemblyFacts s_cli = AssemblyFacts.Of(typeof(CliApp).Assembly);
    private static readonly AssemblyFacts s_quikGraph = AssemblyFacts.Of(typeof(Influence.QuikGraph.QuikGraphExport).Assembly);
    private static readonly AssemblyFacts s_parquet = AssemblyFacts.Of(typeof(ParquetInput).Assembly);

    private static readonly AssemblyFacts[] s_all = [s_core, s_storage, s_sqlite, s_neo4j, s_api, s_cli, s_quikGraph, s_parquet];

    /// <summary>SQL statements as the SQLite adapter writes them (keywords in capitals).</summary>
    [GeneratedRegex(@"\b(SELECT\b[\s\S]+?\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|(UNIQUE\s+)?INDEX)|PRAGMA\s+\w+)\b")]
    private static partial Regex Sql();

    /// <summary>Cypher clauses as the cypher/ files write them (an index is Cypher when it says FOR (n:Label)).</summary>
    [GeneratedRegex(@"\b(OPTIONAL\s+MATCH|MATCH|MERGE)\s*\(|\bUNWIND\s+\$|\bDETACH\s+DELETE\b|\bCREATE\s+(CONSTRAINT\b|INDEX\b[^;]*?\bFOR\s*\()|\bRETURN\s+[\w*]")]
    private static partial Regex Cypher();

    /// <summary>A cypher/ file name as the adapter asks for it, e.g. store/merge-follows.</summary>
    [GeneratedRegex(@"^(store|load|schema|queries)/[a-z0-9-]+$")]
    private static partial Regex CypherFileName();

    /// <summary>File and directory access: Core reads the streams it is handed and opens none itself.</summary>
    private static readonly HashSet<string> s_fileTypes =
        ["File", "FileStream", "FileStreamOptions", "Directory", "FileInfo", "DirectoryInfo", "FileSystemInfo", "DriveInfo", "FileSystemWatcher", "RandomAccess", "ZipFile"];

    /// <summary>HTTP and socket clients.</summary>
    private static readonly HashSet<string> s_httpTypes = ["HttpClient", "HttpMessageHandler", "SocketsHttpHandler", "HttpClientHandler", "HttpRequestMessage", "Socket", "TcpClient"];

    private static string Listed(IEnumerable<string> items) => string.Join("; ", items.Select(i => i.Length > 120 ? i[..120] + "…" : i));

    [Fact]
    public void Core_references_no_storage_api_or_cli_assembly_nor_a_driver()
    {
        string[] ours = [.. s_core.References.Where(r => r.StartsWith("Influence", StringComparison.OrdinalIgnoreCase) || r == "influence")];
        Assert.True(ours.Length == 0, $"Influence.Core references {Listed(ours)}: Core is the kernel the others depend on, never the reverse.");
        string[] outside = [.. s_core.References.Where(r => r.StartsWith("Microsoft.Data", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || r == "System.Net.Http" || r == "System.CommandLine"
            || r.StartsWith("QuikGraph", StringComparison.Ordinal) || r.StartsWith("Parquet", StringComparison.Ordinal))];
        Assert.True(outside.Length == 0, $"Influence.Core references {Listed(outside)}: databases, HTTP, command lines, graph and file-format libraries live in the adapters.");
    }

    [Fact]
    public void The_quikgraph_adapter_depends_on_core_alone_and_opens_nothing()
    {
        string[] ours = [.. s_quikGraph.References.Where(r => r.StartsWith("Influence", StringComparison.OrdinalIgnoreCase) || r == "influence")];
        Assert.Equal(["Influence.Core"], ours);
        Assert.Contains(s_quikGraph.References, r => r == "QuikGraph");
        string[] outside = [.. s_quikGraph.References.Where(r => r.StartsWith("Microsoft.Data", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || r == "System.CommandLine")];
        Assert.True(outside.Length == 0, $"Influence.QuikGraph references {Listed(outside)}: it converts graphs and runs algorithms, nothing more.");
        string[] files = [.. s_quikGraph.TypeReferences.Where(t => t.Namespace.StartsWith("System.IO", StringComparison.Ordinal) && s_fileTypes.Contains(t.Name))
            .Select(t => $"{t.Namespace}.{t.Name}").Distinct()];
        Assert.True(files.Length == 0, $"Influence.QuikGraph uses {Listed(files)}: like Core it opens no file.");
    }

    [Fact]
    public void Core_opens_no_file_or_directory()
    {
        string[] used = [.. s_core.TypeReferences
            .Where(t => (t.Namespace.StartsWith("System.IO", StringComparison.Ordinal) && s_fileTypes.Contains(t.Name))
                        || (t.Namespace == "Microsoft.Win32.SafeHandles" && t.Name == "SafeFileHandle"))
            .Select(t => $"{t.Namespace}.{t.Name}").Distinct()];
        Assert.True(used.Length == 0, $"Influence.Core uses {Listed(used)}: Core reads streams it is given; opening files is the CLI's or a store's job.");
        // The detector detects: the CLI, which opens the files it is given, names these types.
        Assert.Contains(s_cli.TypeReferences, t => t.Namespace == "System.IO" && s_fileTypes.Contains(t.Name));
    }

    [Fact]
    public void Parquet_lives_in_its_own_project_on_top_of_core_and_reads_only_the_streams_it_is_handed()
    {
        // The format library is Influence.Parquet's alone; the CLI and the API reach it through that project.
        foreach (AssemblyFacts a in s_all.Where(a => a != s_parquet))
            Assert.DoesNotContain(a.References, r => r == "Parquet");
        Assert.Contains("Parquet", s_parquet.References);
        string[] ours = [.. s_parquet.References.Where(r => r.StartsWith("Influence", StringComparison.Ordinal) || r == "influence")];
        Assert.Equal(["Influence.Core"], ours);
        string[] files = [.. s_parquet.TypeReferences.Where(t => t.Namespace.StartsWith("System.IO", StringComparison.Ordinal) && s_fileTypes.Contains(t.Name))
            .Select(t => $"{t.Namespace}.{t.Name}").Distinct()];
        Assert.True(files.Length == 0, $"Influence.Parquet uses {Listed(files)}: it reads and writes the streams it is given; opening files is the CLI's job.");
        // Both front ends use it.
        Assert.Contains("Influence.Parquet", s_cli.References);
    }

    [Fact]
    public void The_store_contract_knows_no_database_nor_api()
    {
        string[] bad = [.. s_storage.References.Where(r => r.StartsWith("Microsoft.Data", StringComparison.Ordinal) || r == "System.Net.Http"
            || r.StartsWith("Influence.Storage.", StringComparison.Ordinal) || r == "Influence.Api" || r == "influence" || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))];
        Assert.True(bad.Length == 0, $"Influence.Storage (the contract) references {Listed(bad)}.");
        Assert.DoesNotContain(s_neo4j.References, r => r.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal));
        Assert.DoesNotContain(s_sqlite.References, r => r == "Influence.Storage.Neo4j");
    }

    [Fact]
    public void Only_the_neo4j_adapter_talks_http()
    {
        foreach (AssemblyFacts a in s_all.Where(a => a != s_neo4j))
        {
            string[] used = [.. a.TypeReferences.Where(t => t.Namespace.StartsWith("System.Net", StringComparison.Ordinal) && s_httpTypes.Contains(t.Name))
                .Select(t => $"{t.Namespace}.{t.Name}").Distinct()];
            Assert.True(used.Length == 0, $"{a.Name} uses {Listed(used)}: only Influence.Storage.Neo4j talks HTTP (to Neo4j's Query API).");
        }
        Assert.Contains(s_neo4j.TypeReferences, t => t.Name == "HttpClient");
    }

    [Fact]
    public void Only_the_sqlite_adapter_holds_sql()
    {
        foreach (AssemblyFacts a in s_all.Where(a => a != s_sqlite))
        {
            string[] sql = [.. a.UserStrings.Where(s => Sql().IsMatch(s))];
            Assert.True(sql.Length == 0, $"{a.Name} holds SQL text: {Listed(sql)}. Statements belong to Influence.Storage.Sqlite.");
        }
        // The detector detects: the SQLite adapter's statements match it.
        Assert.True(s_sqlite.UserStrings.Count(s => Sql().IsMatch(s)) >= 5);
    }

    [Fact]
    public void No_assembly_holds_cypher_text_every_query_comes_from_the_cypher_folder()
    {
        foreach (AssemblyFacts a in s_all)
        {
            string[] cypher = [.. a.UserStrings.Where(s => Cypher().IsMatch(s))];
            Assert.True(cypher.Length == 0, $"{a.Name} holds Cypher text: {Listed(cypher)}. Queries belong in cypher/*.cypher (loaded by CypherScripts).");
        }
        // The detector detects: every store query file matches it.
        string folder = Path.Combine(TestPaths.RepoRoot, "cypher");
        foreach (string file in Directory.GetFiles(Path.Combine(folder, "store"), "*.cypher"))
            Assert.True(Cypher().IsMatch(File.ReadAllText(file)), $"The Cypher detector misses {file}.");
    }

    [Fact]
    public void Every_cypher_file_the_adapter_asks_for_exists_and_is_embedded()
    {
        string folder = Path.Combine(TestPaths.RepoRoot, "cypher");
        string[] asked = [.. s_neo4j.UserStrings.Where(s => CypherFileName().IsMatch(s)).Distinct()];
        Assert.True(asked.Length >= 10, $"Only {asked.Length} cypher file names found in the adapter: {Listed(asked)}");
        foreach (string name in asked)
        {
            Assert.True(File.Exists(Path.Combine(folder, name + ".cypher")), $"The Neo4j adapter asks for cypher/{name}.cypher, which does not exist.");
            Assert.False(string.IsNullOrWhiteSpace(CypherScripts.Get(name)), $"cypher/{name}.cypher is not embedded.");
        }
    }

    [Fact]
    public void Api_folders_depend_one_way_endpoints_on_serving_on_contracts()
    {
        string api = Path.Combine(TestPaths.RepoRoot, "src", "Influence.Api");
        // Serving answers queries for any front end: it never reaches back into the HTTP layer.
        AssertNoImport(Path.Combine(api, "Serving"), "Influence.Api.Endpoints", "Influence.Api.Hosting");
        // Contracts are the wire shapes. (Ingest's row DTOs still live in Endpoints/IngestEndpoints.cs; once they move,
        // add Influence.Api.Endpoints here.)
        AssertNoImport(Path.Combine(api, "Contracts"), "Influence.Api.Serving", "Influence.Api.Hosting", "Influence.Api.Jobs");
        AssertNoImport(Path.Combine(api, "Jobs"), "Influence.Api.Endpoints", "Influence.Api.Hosting");
        // A global using of one of the API's own folders would import it everywhere, past the checks above.
        string project = File.ReadAllText(Path.Combine(api, "Influence.Api.csproj"));
        Assert.False(Regex.IsMatch(project, @"<Using\s+Include=""Influence\.Api\."),
            "src/Influence.Api/Influence.Api.csproj declares a global using of an API folder: the folders depend one way (docs/architecture.md).");
    }

    private static void AssertNoImport(string folder, params string[] namespaces)
    {
        foreach (string file in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(file);
            foreach (string ns in namespaces)
                Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(ns)}\b"),
                    $"{Path.GetRelativePath(TestPaths.RepoRoot, file)} uses {ns}: the API's folders depend one way (docs/architecture.md).");
        }
    }
}
