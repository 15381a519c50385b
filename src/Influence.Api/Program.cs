using Influence.Api.Contracts;
using Influence.Api.Endpoints;
using Influence.Api.Jobs;
using Influence.Api.Options;
using Influence.Api.Security;
using Influence.Api.Hosting;
using Influence.Api.Serving;
using Influence.Storage;
using Influence.Storage.Neo4j;

// appsettings.json is read from the service's own folder whatever the working directory (unless a content root is given).
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRoot.IsGiven(args) ? null : AppContext.BaseDirectory,
});
builder.Configuration.AddQuietFrameworkDefaults();
// Serve the dashboard from the project's wwwroot also when the built dll runs outside Development
// (the build writes a manifest pointing at it; published apps carry wwwroot and ignore this).
builder.WebHost.UseStaticWebAssets();

builder.Services.AddInfluenceOptions(builder.Configuration);
// The store: Neo4j when Neo4j:Uri is set (environment: Neo4j__Uri, or NEO4J_URI), else the embedded SQLite file.
builder.Services.AddNeo4jSettings();

// Request size: Kestrel refuses bodies over the limit before they are buffered (413).
long maxRequestBytes = builder.Configuration.GetValue<long?>($"{InfluenceOptions.SectionName}:{nameof(InfluenceOptions.MaxRequestBytes)}")
                       ?? new InfluenceOptions().MaxRequestBytes;
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxRequestBytes);

builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
    // Numbers are numbers (no "12" strings); an undefined figure (NaN, ±∞) is null, never a "NaN" string.
    o.SerializerOptions.Converters.Add(new FiniteDoubleJsonConverter());
});
// Bad input found while binding (not a number, malformed JSON) throws, so the handler answers 400 with the reason.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusProblems.Complete);
builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi(o => o.AddOperationTransformer(OpenApiExamples.ApplyAsync).AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "Influence API";
    doc.Info.Description = "Tells influence (reciprocity, conversation, shares, engaged communities, defenders) apart from popularity (followers). " +
                           "Reads are open unless Influence:RequireKeyForReads; writes and runs need the X-Api-Key header.";
    return Task.CompletedTask;
}));
builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [HealthEndpoints.ReadyTag]);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<IInfluenceStore>(StoreFactory.Create);
builder.Services.AddSingleton<ApiKeyProvider>();
builder.Services.AddSingleton<SnapshotHolder>();
builder.Services.AddSingleton<AccountQueries>();
builder.Services.AddSingleton<CommunityQueries>();
builder.Services.AddSingleton<SegmentQueries>();
builder.Services.AddSingleton<CampaignQueries>();
builder.Services.AddSingleton<CampaignPlanJobs>();
builder.Services.AddSingleton<SummaryQueries>();
builder.Services.AddSingleton<RunQueries>();
builder.Services.AddSingleton<RunDownloads>();
builder.Services.AddSingleton<PathQueries>();
builder.Services.AddSingleton<AnalysisJobHooks>();
builder.Services.AddSingleton<AnalysisJobs>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<AnalysisJobs>());
builder.Services.AddSingleton<ServiceStartup>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ServiceStartup>());
builder.Services.AddSingleton<StoredRunLoader>();
builder.Services.AddSingleton<RunWatcher>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<RunWatcher>());

WebApplication app = builder.Build();

app.UseSampledRequestLogging(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<InfluenceOptions>>().Value.RequestLogSampleRate);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapOpenApi("/openapi/v1.json");
app.UseSwaggerUI(o =>
{
    o.RoutePrefix = "docs";
    o.SwaggerEndpoint("/openapi/v1.json", "Influence API v1");
    o.DocumentTitle = "Influence API";
});

app.MapHealthEndpoints();
app.MapSummaryEndpoints();
app.MapAccountEndpoints();
app.MapCommunityEndpoints();
app.MapSegmentEndpoints();
app.MapCampaignEndpoints();
app.MapRunEndpoints();
app.MapIngestEndpoints();
app.MapPathEndpoints();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
