using Influence.Core.IO;

namespace Influence.Api.Serving;

/// <summary>The demo world: the model's seeded synthetic generator, as records to ingest.</summary>
public static class DemoWorld
{
    public static (IReadOnlyList<FollowRecord> Follows, IReadOnlyList<InteractionRecord> Interactions) Generate(int accounts, int seed) =>
        throw new NotImplementedException("waiting for the synthetic generator");
}
