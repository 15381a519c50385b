using Influence.Core.Model;

namespace Influence.Core.Synthetic;

/// <summary>
/// The audience verdicts of one run against a world's planted truth (docs/audience-quality.md), at the account level:
/// suspected fakes against bought followers; accounts with a suspicious spike against accounts a purchase followed; planted
/// viral-spike accounts flagged; mean score of buyers against viral-spike accounts.
/// </summary>
public sealed record AudienceValidationScore(int Fakes, int Flagged, double FakePrecision, double FakeRecall,
    int PurchaseTargets, double TargetPrecision, double TargetRecall, int ViralSpikes, double ViralFlaggedShare,
    double BuyerQuality, double ViralQuality)
{
    /// <summary>Mean score of viral-spike accounts minus that of buyers (the issue asks ≥ 15 points).</summary>
    public double QualityGap => ViralQuality - BuyerQuality;

    /// <exception cref="ArgumentException">The result is not of this world (account counts differ).</exception>
    public static AudienceValidationScore Of(SyntheticWorld world, InfluenceAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Accounts.Length != world.AccountCount)
            throw new ArgumentException($"The result has {result.Accounts.Length} accounts, the world {world.AccountCount}.", nameof(result));
        int fakes = 0, flagged = 0, hit = 0, targets = 0, spiked = 0, targetHit = 0, viral = 0, viralFlagged = 0, buyers = 0, viralScored = 0;
        double buyerSum = 0, viralSum = 0;
        for (int v = 0; v < world.AccountCount; v++)
        {
            AccountTraits t = world.Traits[v];
            ref readonly AccountMetrics m = ref result.Accounts[v];
            bool fake = (t & AccountTraits.BoughtFollower) != 0, suspected = m.SuspectedFake == 1;
            fakes += fake ? 1 : 0;
            flagged += suspected ? 1 : 0;
            hit += fake && suspected ? 1 : 0;
            bool target = (t & AccountTraits.BoughtFollowersTarget) != 0, flaggedSpike = m.SuspiciousSpikes > 0;
            targets += target ? 1 : 0;
            spiked += flaggedSpike ? 1 : 0;
            targetHit += target && flaggedSpike ? 1 : 0;
            if ((t & AccountTraits.ViralSpikeTarget) != 0)
            {
                viral++;
                viralFlagged += flaggedSpike ? 1 : 0;
                if (!double.IsNaN(m.AudienceQuality)) { viralSum += m.AudienceQuality; viralScored++; }
            }
            if ((t & AccountTraits.FollowerBuyer) != 0 && !double.IsNaN(m.AudienceQuality)) { buyerSum += m.AudienceQuality; buyers++; }
        }
        return new AudienceValidationScore(fakes, flagged, Ratio(hit, flagged), Ratio(hit, fakes), targets, Ratio(targetHit, spiked),
            Ratio(targetHit, targets), viral, viral > 0 ? (double)viralFlagged / viral : 0,
            buyers > 0 ? buyerSum / buyers : double.NaN, viralScored > 0 ? viralSum / viralScored : double.NaN);
    }

    /// <summary>a ÷ b, 1 when there is nothing to be right or wrong about.</summary>
    private static double Ratio(int a, int b) => b == 0 ? 1 : (double)a / b;
}
