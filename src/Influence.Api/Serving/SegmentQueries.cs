using Influence.Api.Contracts;
using Influence.Api.Options;
using Influence.Core.Model;
using Microsoft.Extensions.Options;

namespace Influence.Api.Serving;

/// <summary>Influencers of an audience segment: personalised PageRank from seed accounts on the served run's graph.</summary>
public sealed class SegmentQueries(SnapshotHolder snapshots, IOptions<InfluenceOptions> options)
{
    /// <summary>Unknown seeds quoted in the detail at the most; the errors list up to 1,000.</summary>
    private const int ShownUnknownSeeds = 50;

    // The configuration runs use (kind weights, PageRank settings), so a segment weighs interactions as the run did.
    private readonly Lazy<InfluenceConfig> _config = new(() => options.Value.AnalysisConfig());

    public QueryResult<SegmentInfluencersDto> Influencers(SegmentRequestDto request, CancellationToken cancellationToken)
    {
        var v = new Validation();
        int maxSeeds = options.Value.MaxSeeds;
        if (request.Seeds is null || request.Seeds.Count == 0) v.Add("seeds", "give at least one seed account id.");
        else if (request.Seeds.Count > maxSeeds) v.Add("seeds", $"at most {maxSeeds} seeds; got {request.Seeds.Count}.");
        InfluencerFilterSpec filter = QueryRules.Influencers(v, request.K, request.Role, request.MinFollowers, request.MaxFollowers,
            request.IncludeCelebrities, request.MinAudienceQuality);
        if (!v.IsValid) return QueryFailure.From(v);
        if (snapshots.Current is not { } snap) return QueryFailure.NotYet;

        var seeds = new List<string>(request.Seeds!.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (string? seed in request.Seeds!)
        {
            if (seed is not null && snap.TryGetAccount(seed, out _)) { if (seen.Add(seed)) seeds.Add(seed); }
            else unknown.Add(seed ?? "(null)");
        }
        if (unknown.Count > 0)
        {
            string list = string.Join(", ", unknown.Take(ShownUnknownSeeds)) +
                          (unknown.Count > ShownUnknownSeeds ? $", … ({unknown.Count - ShownUnknownSeeds} more)" : "");
            return new QueryFailure.Invalid(new Dictionary<string, string[]> { ["seeds"] = [.. unknown.Take(1000).Select(u => $"unknown account '{u}'")] },
                $"{unknown.Count} seed(s) not in the latest run: {list}.");
        }
        if (snap.Graph is null) return QueryFailure.NoGraph;
        return InfluencerQueries.ForSegment(snap, seeds, filter, _config.Value, cancellationToken);
    }
}
