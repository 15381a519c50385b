using System.Globalization;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>An optional follower range, both ends inclusive; validated by <see cref="QueryRules.Followers"/>.</summary>
public sealed record FollowerRange(int? Min = null, int? Max = null)
{
    public static readonly FollowerRange Any = new();

    public bool IsSet => Min is not null || Max is not null;

    public bool Contains(int followers) => followers >= (Min ?? 0) && followers <= (Max ?? int.MaxValue);
}

/// <summary>A validated page request (1-based page).</summary>
public sealed record PageRequest(int Page, int PageSize)
{
    /// <summary>Items before the page.</summary>
    public long Skip => (long)(Page - 1) * PageSize;
}

/// <summary>Which accounts a list keeps; null members keep every account.</summary>
public sealed record AccountFilter(AccountRole? Role, PresenceStage? Stage, int? Community, FollowerRange Followers, double? MinAudienceQuality = null)
{
    public bool IsSet => Role is not null || Stage is not null || Community is not null || Followers.IsSet || MinAudienceQuality is not null;

    public bool Matches(in AccountMetrics m) =>
        (Role is not { } role || m.Role == role)
        && (Stage is not { } stage || m.Stage == stage)
        && (Community is not { } community || m.Community == community)
        && Followers.Contains(m.Followers)
        && (MinAudienceQuality is not { } q || m.AudienceQuality >= q);
}

/// <summary>The validated filter of an influencer list request (API side; mapped to the model's filter).</summary>
public sealed record InfluencerFilterSpec(int K, AccountRole? Role, FollowerRange Followers, bool IncludeCelebrities)
{
    public InfluencerFilterSpec(int k, AccountRole? role, int? minFollowers, int? maxFollowers, bool includeCelebrities)
        : this(k, role, new FollowerRange(minFollowers, maxFollowers), includeCelebrities)
    {
    }

    /// <summary>Stable text used as a cache key.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"k={K};role={(Role is { } r ? (int)r : -1)};min={Followers.Min};max={Followers.Max};celeb={IncludeCelebrities};quality={MinAudienceQuality}");

    /// <summary>Lowest audience quality (0–100); null = any.</summary>
    public double? MinAudienceQuality { get; init; }

    /// <summary>The model's filter: asking for celebrities by role includes them.</summary>
    public InfluencerFilter ToModel() => new()
    {
        Top = K,
        IncludeCelebrities = IncludeCelebrities || Role == AccountRole.Celebrity,
        Roles = Role is { } r ? [r] : null,
        MinFollowers = Followers.Min,
        MaxFollowers = Followers.Max,
        MinAudienceQuality = MinAudienceQuality,
    };
}
