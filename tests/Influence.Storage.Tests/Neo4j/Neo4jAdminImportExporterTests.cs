using Influence.Core.Graph;
using Influence.Core.Model;
using Influence.Storage.Neo4j;
using Influence.Tests.Shared;

namespace Influence.Storage.Tests.Neo4j;

public sealed class Neo4jAdminImportExporterTests
{
    /// <summary>
    /// alice ⇄ bob, "carol, jr." → alice (an id needing quotes), dave alone; bob replies to alice (timed,
    /// stance -0.5) twice with the same key, carol shares alice (untimed, weight 3).
    /// </summary>
    private static InfluenceInput SmallGraph()
    {
        var ids = new IdMap();
        var builder = new GraphBuilder(ids);
        builder.AddEdge("alice", "bob");
        builder.AddEdge("bob", "alice");
        builder.AddEdge("carol, jr.", "alice");
        builder.AddNode("dave \"the\" quiet");
        var log = new InteractionLog();
        log.Add(ids.GetOrAdd("bob"), ids.GetOrAdd("alice"), InteractionKind.Reply, 1_700_000_000, 1, -0.5);
        log.Add(ids.GetOrAdd("bob"), ids.GetOrAdd("alice"), InteractionKind.Reply, 1_700_000_000, 2, 0.5);
        log.Add(ids.GetOrAdd("carol, jr."), ids.GetOrAdd("alice"), InteractionKind.Share, InteractionLog.NoTimestamp, 3);
        return new InfluenceInput(ids, builder.Build(), log);
    }

    [Fact]
    public void Writes_the_three_files_with_neo4j_admin_headers_and_quoting()
    {
        var (accounts, follows, interactions) = (new StringWriter(), new StringWriter(), new StringWriter());

        var counts = Neo4jAdminImportExporter.Write(SmallGraph(), accounts, follows, interactions);

        Assert.Equal(new Neo4jAdminExportCounts(4, 3, 2, 1), counts);
        Assert.Equal(
            "id:ID(Account),:LABEL\nalice,Account\nbob,Account\n\"carol, jr.\",Account\n\"dave \"\"the\"\" quiet\",Account\n",
            accounts.ToString());
        Assert.Equal(
            ":START_ID(Account),:END_ID(Account),:TYPE,active:boolean\n" +
            "alice,bob,FOLLOWS,true\nbob,alice,FOLLOWS,true\n\"carol, jr.\",alice,FOLLOWS,true\n",
            follows.ToString());
        Assert.Equal(
            ":START_ID(Account),:END_ID(Account),:TYPE,key,kind,at:long,weight:double,stance:double\n" +
            "bob,alice,INTERACTED,reply@1700000000,reply,1700000000,1,-0.5\n" +
            "\"carol, jr.\",alice,INTERACTED,share@,share,,3,\n",
            interactions.ToString());
    }

    [Fact]
    public void The_interaction_key_is_the_one_the_store_and_LOAD_CSV_use()
    {
        Assert.Equal("like@42", Neo4jRows.InteractionKey(InteractionKind.Like, 42));
        Assert.Equal("share@", Neo4jRows.InteractionKey(InteractionKind.Share, null));
        Assert.Contains("kind + '@' + coalesce(toString(at), '')", CypherScripts.Get("load/load-interactions"));
    }

    [Fact]
    public void WriteToDirectory_creates_the_files_and_a_bad_directory_is_named()
    {
        string dir = Path.Combine(TestPaths.NewTempDirectory("neo4j-admin"), "import");

        var counts = Neo4jAdminImportExporter.WriteToDirectory(SmallGraph(), dir);

        Assert.Equal(4, counts.Accounts);
        Assert.Equal(["accounts.csv", "follows.csv", "interactions.csv"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        Assert.StartsWith("id:ID(Account)", File.ReadAllText(Path.Combine(dir, "accounts.csv")));
        Assert.NotEqual(0xEF, File.ReadAllBytes(Path.Combine(dir, "accounts.csv"))[0]);   // no BOM

        string blocker = Path.Combine(dir, "accounts.csv", "sub");   // a directory inside a file
        var error = Assert.Throws<IOException>(() => Neo4jAdminImportExporter.WriteToDirectory(SmallGraph(), blocker));
        Assert.Contains(blocker, error.Message);
        Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => Neo4jAdminImportExporter.Write(null!, TextWriter.Null, TextWriter.Null, TextWriter.Null));
        Assert.Throws<ArgumentNullException>(() => Neo4jAdminImportExporter.Write(SmallGraph(), null!, TextWriter.Null, TextWriter.Null));
        Assert.Throws<ArgumentException>(() => Neo4jAdminImportExporter.WriteToDirectory(SmallGraph(), " "));

        var ids = new IdMap();
        ids.GetOrAdd("a");
        var log = new InteractionLog();
        log.Add(0, 5, InteractionKind.Like);
        var broken = new InfluenceInput(ids, new GraphBuilder(ids).Build(), log);
        var error = Assert.Throws<ArgumentException>(() => Neo4jAdminImportExporter.Write(broken, TextWriter.Null, TextWriter.Null, TextWriter.Null));
        Assert.Contains("Interaction 0 links node 0 → 5", error.Message);
    }
}
