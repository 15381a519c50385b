namespace Influence.Api.Contracts;

/// <summary>A top account of a community.</summary>
public sealed record CommunityTopAccountDto(string Id, double Influence, string Role);

/// <summary>One community of the follow graph.</summary>
public sealed record CommunityDto(
    [property: Description("Community id.")] int Id,
    [property: Description("Members.")] int Size,
    [property: Description("Follow density inside the community.")] double Density,
    [property: Description("Share of internal follows that are reciprocated.")] double Reciprocity,
    [property: Description("Follows between members.")] long InternalFollows,
    [property: Description("Share of members' received engagement that comes from inside.")] double EngagementInside,
    [property: Description("Most influential members, best first.")] IReadOnlyList<CommunityTopAccountDto> TopAccounts);

/// <summary>A page of communities.</summary>
public sealed record CommunityPageDto(IReadOnlyList<CommunityDto> Items, int Page, int PageSize, int Total);

/// <summary>One entry of a community influencer list.</summary>
public sealed record CommunityInfluencerDto(
    [property: Description("External account id.")] string Id,
    [property: Description("1 = best.")] int Rank,
    [property: Description("Score the list is ordered by.")] double Score,
    [property: Description("Global influence (interaction PageRank).")] double Influence,
    int Followers,
    string Role,
    string Stage,
    [property: Description("Rank of influence inside the community.")] int CommunityRank,
    [property: Description("Share of engagement received from the same community.")] double InCommunityEngagementShare);

/// <summary>Top influencers of one community.</summary>
public sealed record CommunityInfluencersDto(int Community, IReadOnlyList<CommunityInfluencerDto> Items);

/// <summary>Body of <c>POST /api/v1/segments/influencers</c>.</summary>
public sealed class SegmentRequestDto
{
    [Description("External ids of the accounts that define the segment (1..1000).")]
    public IReadOnlyList<string>? Seeds { get; set; }
    [Description("How many influencers to return (1..500). Default 20.")]
    [DefaultValue(20)] public int K { get; set; } = 20;
    [VocabularyDescription("Only this role: {roles}.")] public string? Role { get; set; }
    [Description("At least this many followers.")] public int? MinFollowers { get; set; }
    [Description("At most this many followers.")] public int? MaxFollowers { get; set; }
    [Description("Audience quality at least this (0..100); accounts without followers are left out.")] public double? MinAudienceQuality { get; set; }
    [Description("Include celebrities (one-way broadcasters). Default false.")]
    [DefaultValue(false)] public bool IncludeCelebrities { get; set; }
}

/// <summary>One entry of a segment influencer list.</summary>
public sealed record SegmentInfluencerDto(
    string Id,
    int Rank,
    [property: Description("Personalised PageRank score from the seeds.")] double Score,
    double Influence,
    int Followers,
    string Role,
    string Stage,
    int Community);

/// <summary>Influencers of a segment defined by seed accounts.</summary>
public sealed record SegmentInfluencersDto(IReadOnlyList<string> Seeds, IReadOnlyList<SegmentInfluencerDto> Items);
