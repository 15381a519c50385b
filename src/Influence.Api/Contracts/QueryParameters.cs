using Microsoft.AspNetCore.Mvc;

namespace Influence.Api.Contracts;

/// <summary>The role and follower filters every account list shares, as sent.</summary>
public abstract class RoleAndFollowersQuery
{
    [VocabularyDescription("Only accounts with this role: {roles}.")]
    [FromQuery(Name = "role")]
    public string? Role { get; set; }

    [Description("At least this many followers.")]
    [FromQuery(Name = "minFollowers")]
    public int? MinFollowers { get; set; }

    [Description("At most this many followers.")]
    [FromQuery(Name = "maxFollowers")]
    public int? MaxFollowers { get; set; }

    [Description("Audience quality at least this (0..100, docs/audience-quality.md); accounts without followers (no score) are left out.")]
    [FromQuery(Name = "minAudienceQuality")]
    public double? MinAudienceQuality { get; set; }
}

/// <summary>Query of <c>GET /api/v1/accounts</c>, as sent; validated by the account queries.</summary>
public sealed class AccountListQuery : RoleAndFollowersQuery
{
    [VocabularyDescription("Only accounts at this stage: {stages}.")]
    [FromQuery(Name = "stage")]
    public string? Stage { get; set; }

    [Description("Only members of this community.")]
    [FromQuery(Name = "community")]
    public int? Community { get; set; }

    [VocabularyDescription("Sort key: {sorts}.")]
    [DefaultValue("influence")]
    [FromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [Description("desc (default) or asc.")]
    [DefaultValue("desc")]
    [FromQuery(Name = "order")]
    public string? Order { get; set; }

    [Description("1-based page number.")]
    [DefaultValue(1)]
    [FromQuery(Name = "page")]
    public int? Page { get; set; }

    [Description("Items per page, 1..MaxPageSize (500 by default).")]
    [DefaultValue(50)]
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; set; }
}

/// <summary>Query of <c>GET /api/v1/communities/{id}/influencers</c>, as sent.</summary>
public sealed class CommunityInfluencersQuery : RoleAndFollowersQuery
{
    [Description("How many influencers, 1..500.")]
    [DefaultValue(20)]
    [FromQuery(Name = "k")]
    public int? K { get; set; }

    [Description("Include celebrities (one-way broadcasters). Default false.")]
    [DefaultValue(false)]
    [FromQuery(Name = "includeCelebrities")]
    public bool? IncludeCelebrities { get; set; }

    [Description("json (default) or csv; Accept: text/csv works too.")]
    [FromQuery(Name = "format")]
    public string? Format { get; set; }
}
