using Influence.Core.Synthetic;

namespace Influence.Api.Hosting;

/// <summary>The demo world: the model's seeded synthetic generator (see docs/model.md for what it plants).</summary>
public static class DemoWorld
{
    /// <summary>Configuration of the world for <paramref name="accounts"/> and <paramref name="seed"/>;
    /// <paramref name="benchmarkProfile"/> selects the leaner benchmark profile (≈10 follows, 5 interactions per account).</summary>
    public static SyntheticWorldConfig Config(int accounts, int seed, bool benchmarkProfile) =>
        benchmarkProfile ? SyntheticWorldConfig.ForBenchmark(accounts, seed) : new SyntheticWorldConfig { Accounts = accounts, Seed = seed };

    /// <summary>Generates the world (deterministic for a seed).</summary>
    /// <param name="audiencePlants">Also plant follower purchases and organic viral spikes (<see cref="AudiencePlanting"/>, default settings).</param>
    public static SyntheticWorld Generate(SyntheticWorldConfig config, CancellationToken cancellationToken, bool audiencePlants = false)
    {
        SyntheticWorld world = SyntheticWorldGenerator.Generate(config, cancellationToken);
        return audiencePlants ? AudiencePlanting.Plant(world, new AudiencePlantConfig { Seed = config.Seed }) : world;
    }
}
