using System.Globalization;
using Influence.Api.Endpoints;
using Influence.Core.Model;

namespace Influence.Api.Serving;

/// <summary>The validated filter of an influencer list request (API side; mapped to the model's filter).</summary>
public sealed record InfluencerFilterSpec(int K, AccountRole? Role, int? MinFollowers, int? MaxFollowers, bool IncludeCelebrities)
{
    /// <summary>Stable text used as a cache key.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"k={K};role={(Role is { } r ? (int)r : -1)};min={MinFollowers};max={MaxFollowers};celeb={IncludeCelebrities}");

    internal static InfluencerFilterSpec Parse(Validation v, int k, string? role, int? minFollowers, int? maxFollowers, bool includeCelebrities)
    {
        AccountRole? parsedRole = null;
        if (role is { Length: > 0 })
        {
            if (RoleNames.TryParseRole(role, out AccountRole r)) parsedRole = r;
            else v.Add("role", $"unknown role '{role}'; valid: celebrity, macro-influencer, micro-influencer, amplifier, regular.");
        }
        v.Range("minFollowers", minFollowers, 0, int.MaxValue);
        v.Range("maxFollowers", maxFollowers, 0, int.MaxValue);
        if (minFollowers > maxFollowers) v.Add("minFollowers", $"minFollowers ({minFollowers}) is above maxFollowers ({maxFollowers}).");
        return new InfluencerFilterSpec(k, parsedRole, minFollowers, maxFollowers, includeCelebrities);
    }
}
