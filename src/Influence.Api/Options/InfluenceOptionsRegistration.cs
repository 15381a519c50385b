using Microsoft.Extensions.Options;

namespace Influence.Api.Options;

/// <summary>Binds <see cref="InfluenceOptions"/> from the <c>Influence</c> section and validates them on start.</summary>
public static class InfluenceOptionsRegistration
{
    public static IServiceCollection AddInfluenceOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InfluenceOptions>()
            .Bind(configuration.GetSection(InfluenceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InfluenceOptions>, InfluenceOptionsValidator>();
        return services;
    }
}

/// <summary>Cross-field checks with one precise message per problem (all problems reported at once).</summary>
public sealed class InfluenceOptionsValidator : IValidateOptions<InfluenceOptions>
{
    public ValidateOptionsResult Validate(string? name, InfluenceOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
            problems.Add("Influence:DataDirectory must not be empty.");
        if (options.ApiKey is { Length: > 0 } key && key.Trim().Length < 16)
            problems.Add("Influence:ApiKey must be at least 16 characters (or empty to generate one).");
        try
        {
            options.AnalysisConfig();
        }
        catch (ArgumentException ex)
        {
            problems.Add($"Influence:KindWeights / Influence:Thresholds: {ex.Message.Split(" (Parameter")[0]}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
