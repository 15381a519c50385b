using Influence.Api.Contracts;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>
/// The rules every query shares: one place says what a valid role, stage, follower range, page or sort is and
/// what the error reads. Each adds its errors to a <see cref="Validation"/> under the caller's field name.
/// </summary>
public static class QueryRules
{
    public static AccountRole? Role(Validation v, string? text)
    {
        if (text is not { Length: > 0 }) return null;
        if (RoleNames.TryParseRole(text, out AccountRole role)) return role;
        v.Add("role", $"unknown role '{text}'; valid: {Vocabulary.List(Vocabulary.Roles)}.");
        return null;
    }

    public static PresenceStage? Stage(Validation v, string? text)
    {
        if (text is not { Length: > 0 }) return null;
        if (RoleNames.TryParseStage(text, out PresenceStage stage)) return stage;
        v.Add("stage", $"unknown stage '{text}'; valid: {Vocabulary.List(Vocabulary.Stages)}.");
        return null;
    }

    public static FollowerRange Followers(Validation v, int? min, int? max)
    {
        v.Range("minFollowers", min, 0, int.MaxValue);
        v.Range("maxFollowers", max, 0, int.MaxValue);
        if (min > max) v.Add("minFollowers", $"minFollowers ({min}) is above maxFollowers ({max}).");
        return min is null && max is null ? FollowerRange.Any : new FollowerRange(min, max);
    }

    public static PageRequest Page(Validation v, int? page, int? pageSize, int maxPageSize)
    {
        var request = new PageRequest(page ?? 1, pageSize ?? 50);
        v.Range("page", request.Page, 1, int.MaxValue);
        v.Range("pageSize", request.PageSize, 1, maxPageSize);
        return request;
    }

    public static AccountSort Sort(Validation v, string? text)
    {
        if (text is not { Length: > 0 }) return AccountSort.Influence;
        if (Vocabulary.TryParseSort(text, out AccountSort sort)) return sort;
        v.Add("sort", $"unknown sort '{text}'; valid: {Vocabulary.List(Vocabulary.Sorts)}.");
        return AccountSort.Influence;
    }

    /// <summary>True for ascending; desc is the default.</summary>
    public static bool Ascending(Validation v, string? text)
    {
        if (text is not { Length: > 0 } || text.Equals("desc", StringComparison.OrdinalIgnoreCase)) return false;
        if (text.Equals("asc", StringComparison.OrdinalIgnoreCase)) return true;
        v.Add("order", $"must be asc or desc; got '{text}'.");
        return false;
    }

    /// <summary>An influencer list filter; <paramref name="k"/> is 1..<see cref="MaxK"/>.</summary>
    public static InfluencerFilterSpec Influencers(Validation v, int k, string? role, int? minFollowers, int? maxFollowers, bool includeCelebrities,
        double? minAudienceQuality = null)
    {
        v.Range("k", k, 1, MaxK);
        return new InfluencerFilterSpec(k, Role(v, role), Followers(v, minFollowers, maxFollowers), includeCelebrities)
        {
            MinAudienceQuality = AudienceQuality(v, minAudienceQuality),
        };
    }

    /// <summary>A minimum audience quality: 0..100 (the score's range).</summary>
    public static double? AudienceQuality(Validation v, double? min)
    {
        if (min is double q && !(q >= 0 && q <= 100)) v.Add("minAudienceQuality", $"must be between 0 and 100 (audience_quality's range); got {q}.");
        return min;
    }

    /// <summary>True for CSV: <c>format=csv</c>, or no format and an Accept header asking for text/csv.</summary>
    public static bool Csv(Validation v, string? format, bool acceptsCsv)
    {
        if (format is not { Length: > 0 }) return acceptsCsv;
        if (format.Equals("csv", StringComparison.OrdinalIgnoreCase)) return true;
        if (!format.Equals("json", StringComparison.OrdinalIgnoreCase)) v.Add("format", $"must be json or csv; got '{format}'.");
        return false;
    }

    /// <summary>Largest k of influencer lists.</summary>
    public const int MaxK = 500;
}
