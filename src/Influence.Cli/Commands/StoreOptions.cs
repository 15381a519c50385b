using System.CommandLine;
using System.CommandLine.Parsing;
using Influence.Core.Model;
using Influence.Storage;
using Influence.Storage.Sqlite;
using Influence.Storage.Neo4j;

namespace Influence.Cli.Commands;

/// <summary>
/// Which store a command uses: <c>--store &lt;file&gt;</c> (embedded SQLite) wins; otherwise Neo4j when
/// <c>--neo4j</c> is given or a Neo4j URI is configured (<c>Neo4j__Uri</c> or <c>NEO4J_URI</c>, read as the service
/// reads them: <see cref="Neo4jSettings"/>); otherwise the default SQLite file when the command has one.
/// </summary>
public sealed class StoreOptions
{
    /// <summary>Default store file of <c>influence import</c>, relative to the working directory.</summary>
    public static readonly string DefaultStorePath = Path.Combine("data", SqliteInfluenceStore.DefaultFileName);

    public Option<string?> Store { get; } = new("--store")
    {
        Description = $"Embedded SQLite store file (import's default: {DefaultStorePath}).",
        HelpName = "file",
    };

    public Option<bool> Neo4j { get; } = new("--neo4j")
    {
        Description = "Use the Neo4j store configured by Neo4j__Uri, Neo4j__User, Neo4j__Password, Neo4j__Database " +
                      "(or NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE); implied when a URI is set. See docs/neo4j.md.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(Neo4j);
    }

    /// <summary>True when the command line names a store (<c>--store</c> or <c>--neo4j</c>), for a command's validators.</summary>
    public bool IsNamed(CommandResult result) => result.GetValue(Store) is not null || result.GetValue(Neo4j);

    private static bool Neo4jFromEnvironment => Neo4jOptions.FromEnvironment() is not null;

    /// <summary>True when the options (or the environment) name a store.</summary>
    public bool IsConfigured(ParseResult parse) =>
        parse.GetValue(Store) is not null || parse.GetValue(Neo4j) || Neo4jFromEnvironment;

    /// <summary>Opens and initialises the store; <paramref name="defaultPath"/> is used when nothing else is configured.</summary>
    /// <param name="mustExist">The SQLite file must exist already (reading commands: a typo must not create an empty store).</param>
    public async Task<OpenedStore> OpenAsync(ParseResult parse, CancellationToken cancellationToken, string? defaultPath = null, bool mustExist = false)
    {
        IInfluenceStore store;
        string description;
        if (parse.GetValue(Store) is { } path)
        {
            if (mustExist && !File.Exists(path))
                throw new CliInputException($"store file not found: {path} (create it with 'influence import --store {path} ...')");
            store = new SqliteInfluenceStore(path);
            description = $"sqlite {path}";
        }
        else if (parse.GetValue(Neo4j) || Neo4jFromEnvironment)
        {
            Neo4jOptions options = Neo4jOptions.FromEnvironment()
                ?? throw new CliInputException("--neo4j needs Neo4j__Uri or NEO4J_URI (and the user, password, database) in the environment; see docs/neo4j.md.");
            if (options.Validate() is { Count: > 0 } problems)
                throw new CliInputException("Invalid Neo4j configuration: " + string.Join(" ", problems));
            store = new Neo4jInfluenceStore(options);
            description = options.ToString();
        }
        else if (defaultPath is not null)
        {
            store = new SqliteInfluenceStore(defaultPath);
            description = $"sqlite {defaultPath}";
        }
        else
        {
            throw new UsageException("no store: give --store <file>, --neo4j, or set Neo4j__Uri (or NEO4J_URI).");
        }
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        return new OpenedStore(store, description);
    }
}

/// <summary>An initialised store and how to name it in messages.</summary>
public sealed class OpenedStore(IInfluenceStore store, string description) : IAsyncDisposable
{
    public IInfluenceStore Store { get; } = store;
    public string Description { get; } = description;
    public ValueTask DisposeAsync() => Store.DisposeAsync();
}

/// <summary>A completed store run, its results and the graph they were computed on.</summary>
public sealed record StoreRun(long RunId, string StoreDescription, InfluenceAnalysisResult Result, InfluenceInput Input);
