using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Tests.Shared;

namespace Influence.Core.Tests.IO;

/// <summary>Reads real files from ../shared/data and checks the counts published in its MANIFEST.md.</summary>
public class RealDataReaderTests
{
    private static (DirectedGraph Graph, ReadStatistics Stats) LoadFollows(string relativePath, ReadOptions? options = null)
    {
        string path = TestPaths.RequireSharedFile(relativePath);
        var builder = new GraphBuilder();
        using FileStream file = File.OpenRead(path);
        ReadStatistics stats = FollowReader.LoadInto(builder, file, Path.GetFileName(path), options);
        return (builder.Build(), stats);
    }

    [SkippableFact]
    public void Wiki_vote_crlf_with_comment_header()
    {
        var (graph, stats) = LoadFollows("wiki-Vote/Wiki-Vote.txt");
        Assert.Equal(InputFormat.EdgeList, stats.Format);
        Assert.Equal(7_115, graph.NodeCount);
        Assert.Equal(103_689, graph.EdgeCount);
        Assert.Equal(103_689, stats.Rows);
    }

    [SkippableFact]
    public void Email_eu_core_counts_self_loops()
    {
        var (graph, _) = LoadFollows("email-Eu-core/email-Eu-core.txt");
        Assert.Equal(1_005, graph.NodeCount);
        Assert.Equal(25_571, graph.InputEdges);
        Assert.Equal(642, graph.SelfLoopsDropped);
        Assert.Equal(25_571 - 642, graph.EdgeCount);
    }

    [SkippableFact]
    public void Qss_senate_follows_with_quoted_custom_columns()
    {
        var (graph, stats) = LoadFollows("qss-senate-twitter-follows/twitter-following.csv",
            new ReadOptions { SourceColumn = "following", TargetColumn = "followed" });
        Assert.Equal(InputFormat.Csv, stats.Format);
        Assert.Equal(3_859, graph.EdgeCount);
        Assert.Equal(91, graph.NodeCount);
        Assert.True(graph.Ids.TryGetNode("SenAlexander", out _));
    }

    [SkippableFact]
    public void Bitcoin_alpha_headerless_csv_is_auto_detected_as_an_edge_list()
    {
        var (graph, stats) = LoadFollows("bitcoin-trust/soc-sign-bitcoinalpha.csv");
        Assert.Equal(InputFormat.EdgeList, stats.Format);
        Assert.Equal(3_783, graph.NodeCount);
        Assert.Equal(24_186, graph.EdgeCount);
    }

    [SkippableFact]
    public void Higgs_reply_layer_gzip_weighted()
    {
        string path = TestPaths.RequireSharedFile("higgs-twitter/higgs-reply_network.edgelist.gz");
        var log = new InteractionLog();
        var ids = new IdMap();
        using FileStream file = File.OpenRead(path);
        ReadStatistics stats = InteractionReader.LoadInto(log, ids, file, Path.GetFileName(path),
            new ReadOptions { EdgeListKind = InteractionKind.Reply });
        Assert.True(stats.Compressed);
        Assert.Equal(32_523, log.Count);
        Assert.Equal(38_918, ids.Count);
        double total = 0;
        foreach (double w in log.Weight) total += w;
        Assert.Equal(36_902, total);
    }

    [SkippableFact]
    public void Higgs_activity_types_match_the_layer_totals()
    {
        string path = TestPaths.RequireSharedFile("higgs-twitter/higgs-activity_time.txt.gz");
        var counts = new long[InteractionKinds.Count];
        long minTs = long.MaxValue, maxTs = long.MinValue;
        var users = new HashSet<string>();
        using FileStream file = File.OpenRead(path);
        foreach (InteractionRecord r in InteractionReader.Read(file, Path.GetFileName(path)))
        {
            counts[(int)r.Kind]++;
            minTs = Math.Min(minTs, r.Timestamp!.Value);
            maxTs = Math.Max(maxTs, r.Timestamp!.Value);
            users.Add(r.Source);
            users.Add(r.Target);
        }
        Assert.Equal(354_930, counts[(int)InteractionKind.Share]);
        Assert.Equal(171_237, counts[(int)InteractionKind.Mention]);
        Assert.Equal(36_902, counts[(int)InteractionKind.Reply]);
        Assert.Equal(304_691, users.Count);
        Assert.Equal(1341100972, minTs);
        Assert.Equal(1341705593, maxTs);
    }

    [SkippableFact]
    public void College_msg_timestamps_as_third_column()
    {
        string path = TestPaths.RequireSharedFile("CollegeMsg/CollegeMsg.txt");
        var log = new InteractionLog();
        var ids = new IdMap();
        using FileStream file = File.OpenRead(path);
        InteractionReader.LoadInto(log, ids, file, "CollegeMsg.txt",
            new ReadOptions { EdgeListKind = InteractionKind.Comment, EdgeListThirdColumn = EdgeListThirdColumn.Timestamp });
        Assert.Equal(59_835, log.Count);
        Assert.Equal(1_899, ids.Count);
        Assert.Equal(1082040961, log.Timestamp[0]);
        Assert.Equal(1098777142, log.Timestamp[log.Count - 1]);
    }
}
