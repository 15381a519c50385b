using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;
using Influence.Tests.Shared;

namespace Influence.Core.Tests.Audience;

/// <summary>
/// The audience figures on real follow-only graphs (../shared/data, skipped when absent): without follow times and
/// without interactions only the mass-follower share can say anything, and nothing is flagged.
/// The distributions on every real set: <c>bench -- audience --real</c> (docs/audience-quality.md).
/// </summary>
public sealed class AudienceRealDataTests
{
    private static InfluenceAnalysisResult AnalyseFollows(string relativePath, ReadOptions? options = null)
    {
        string path = TestPaths.RequireSharedFile(relativePath);
        var builder = new GraphBuilder();
        using (FileStream file = File.OpenRead(path)) FollowReader.LoadInto(builder, file, Path.GetFileName(path), options);
        DirectedGraph follows = builder.Build();
        return InfluenceAnalyzer.Run(new InfluenceInput(follows.Ids, follows, new InteractionLog()));
    }

    [SkippableTheory]
    [InlineData("qss-senate-twitter-follows/twitter-following.csv")]
    [InlineData("snap-ego-twitter/12831.edges")]
    [InlineData("snap-ego-twitter/13212502.edges")]
    public void Follow_only_data_flags_nobody_and_scores_only_what_it_can_see(string relativePath)
    {
        InfluenceAnalysisResult run = AnalyseFollows(relativePath,
            relativePath.EndsWith(".csv", StringComparison.Ordinal) ? new ReadOptions { SourceColumn = "following", TargetColumn = "followed" } : null);
        // No follow times: no spike can be judged, so nothing is suspicious and no follower is a suspected fake.
        Assert.Equal(0, run.Summary.SuspiciousSpikes);
        Assert.Equal(0, run.Summary.SuspectedFakeAccounts);
        // A few hundred accounts: nobody follows 200 (the floor), so no follower is a mass follower.
        Assert.Equal(200, run.Summary.MassFollowingThreshold);
        int scored = 0;
        foreach (AccountMetrics m in run.Accounts)
        {
            Assert.True(double.IsNaN(m.InactiveFollowerShare));
            if (m.Followers == 0) { Assert.True(double.IsNaN(m.AudienceQuality)); continue; }
            scored++;
            Assert.Equal(0, m.MassFollowerShare);
            Assert.Equal(0, m.SuspiciousGrowthShare);
            // 20 reachable + 12.5 active (unknown: neutral) + 40 authentic growth + 7.5 engagement for size (unknown: neutral).
            Assert.Equal(80, m.AudienceQuality, 9);
        }
        Assert.True(scored > 50, $"{scored} accounts with followers in {relativePath}");
    }
}
