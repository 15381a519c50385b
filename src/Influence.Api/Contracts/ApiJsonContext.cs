using System.Text.Json;
using System.Text.Json.Serialization;

namespace Influence.Api.Contracts;

/// <summary>
/// Source-generated JSON for every API shape (no reflection on the hot path). camelCase, as agreed with the
/// dashboard; the summary keeps its summary.json keys through <see cref="JsonPropertyNameAttribute"/>. Undefined
/// figures are written as null (<see cref="FiniteDoubleJsonConverter"/>), never as "NaN" strings.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteDoubleJsonConverter)])]
[JsonSerializable(typeof(AccountPageDto))]
[JsonSerializable(typeof(AccountProfileDto))]
[JsonSerializable(typeof(AccountSummaryDto))]
[JsonSerializable(typeof(DefenderNetworkDto))]
[JsonSerializable(typeof(AudienceReportDto))]
[JsonSerializable(typeof(CommunityAxesDto))]
[JsonSerializable(typeof(ScatterDto))]
[JsonSerializable(typeof(CommunityPageDto))]
[JsonSerializable(typeof(CommunityDto))]
[JsonSerializable(typeof(CommunityInfluencersDto))]
[JsonSerializable(typeof(SegmentRequestDto))]
[JsonSerializable(typeof(SegmentInfluencersDto))]
[JsonSerializable(typeof(CampaignPlanRequestDto))]
[JsonSerializable(typeof(CampaignPlanDto))]
[JsonSerializable(typeof(CampaignPlanJobDto))]
[JsonSerializable(typeof(AudienceOverlapRequestDto))]
[JsonSerializable(typeof(AudienceOverlapDto))]
[JsonSerializable(typeof(SummaryDto))]
[JsonSerializable(typeof(VocabularyDto))]
[JsonSerializable(typeof(JobDto))]
[JsonSerializable(typeof(List<JobDto>))]
[JsonSerializable(typeof(IngestResultDto))]
[JsonSerializable(typeof(RemovalRequestDto))]
[JsonSerializable(typeof(RemovalDto))]
[JsonSerializable(typeof(List<RemovalDto>))]
[JsonSerializable(typeof(FollowRowDto[]))]
[JsonSerializable(typeof(UnfollowRowDto[]))]
[JsonSerializable(typeof(InteractionRowDto[]))]
[JsonSerializable(typeof(PathDto))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
