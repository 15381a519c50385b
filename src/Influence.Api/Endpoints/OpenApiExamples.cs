using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Influence.Api.Endpoints;

/// <summary>Request body examples shown in the OpenAPI document and Swagger UI, per operation and media type.</summary>
public static class OpenApiExamples
{
    private static readonly Dictionary<string, (string Media, string Example)[]> s_bodies = new(StringComparer.Ordinal)
    {
        ["IngestFollows"] =
        [
            ("application/json", """[{"source":"@fan","target":"@star","since":1700000000},{"source":"@star","target":"@fan"}]"""),
            ("text/csv", "source,target,since\n@fan,@star,1700000000\n@star,@fan,\n"),
            ("application/x-ndjson", "{\"source\":\"@fan\",\"target\":\"@star\",\"since\":1700000000}\n"),
        ],
        ["IngestUnfollows"] =
        [
            ("application/json", """[{"source":"@fan","target":"@star","at":1710000000}]"""),
            ("text/csv", "source,target,at\n@fan,@star,1710000000\n"),
            ("application/x-ndjson", "{\"source\":\"@fan\",\"target\":\"@star\",\"at\":1710000000}\n"),
        ],
        ["IngestInteractions"] =
        [
            ("application/json", """[{"source":"@fan","target":"@star","kind":"reply","timestamp":1700000000,"weight":1,"stance":0.8},{"source":"@star","target":"@fan","kind":"share"}]"""),
            ("text/csv", "source,target,kind,timestamp,weight,stance\n@fan,@star,reply,2024-01-02T10:00:00Z,1,0.8\n@star,@fan,retweet,1704189600,,\n"),
            ("application/x-ndjson", "{\"source\":\"@fan\",\"target\":\"@star\",\"kind\":\"reply\",\"timestamp\":1700000000}\n"),
        ],
        ["PlanCampaign"] =
        [
            ("application/json", """{"community":3,"objective":"reach","k":20,"minInteractions":1,"excludeRoles":["celebrity"],"maxFollowers":50000,"tiers":[{"maxFollowers":1000,"budget":15},{"maxFollowers":null,"budget":5}],"include":["u12"],"exclude":["u40"]}"""),
        ],
        ["AudienceOverlap"] =
        [
            ("application/json", """{"accounts":["u12","u40","u77"],"minInteractions":1}"""),
        ],
        ["GetSegmentInfluencers"] =
        [
            ("application/json", """{"seeds":["u12","u40","u77"],"k":20,"maxFollowers":10000,"includeCelebrities":false}"""),
        ],
    };

    /// <summary>Adds the examples to the operations that have them.</summary>
    public static Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is { } id && s_bodies.TryGetValue(id, out var examples) && operation.RequestBody?.Content is { } content)
        {
            foreach (var (media, example) in examples)
            {
                if (!content.TryGetValue(media, out OpenApiMediaType? type)) continue;
                type.Example = media == "application/json" ? JsonNode.Parse(example) : JsonValue.Create(example);
            }
        }
        return Task.CompletedTask;
    }
}
