using Influence.Storage.Sqlite;
using Influence.Tests.Shared;

namespace Influence.Storage.Tests;

/// <summary>The store contract suite on a real SQLite file in a fresh temp directory per test.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly List<string> _directories = [];

    protected override Task<IInfluenceStore> CreateStoreAsync()
    {
        string dir = TestPaths.NewTempDirectory("influence-sqlite");
        _directories.Add(dir);
        return Task.FromResult<IInfluenceStore>(SqliteInfluenceStore.InDataDirectory(dir));
    }

    protected override Task DeleteStoreAsync(IInfluenceStore store)
    {
        foreach (string dir in _directories)
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        _directories.Clear();
        return Task.CompletedTask;
    }
}
