using Influence.Core.Model;

namespace Influence.Api.Contracts;

/// <summary>
/// The names a caller may send for roles, stages and sort keys, derived from the model's enums (and
/// <see cref="RoleNames"/>), so a role the model adds is accepted, listed in errors and documented without an edit here.
/// </summary>
public static class Vocabulary
{
    public static IReadOnlyList<string> Roles => RoleNames.Roles.All;

    public static IReadOnlyList<string> Stages => RoleNames.Stages.All;

    /// <summary>Sort keys: the <see cref="AccountSort"/> names in camelCase.</summary>
    public static IReadOnlyList<string> Sorts { get; } = Enum.GetValues<AccountSort>().Select(s => CamelCase(s.ToString())).ToArray();

    /// <summary>"a, b, c" for messages and descriptions.</summary>
    public static string List(IReadOnlyList<string> names) => string.Join(", ", names);

    /// <summary>Replaces {roles}, {stages} and {sorts} in <paramref name="template"/>.</summary>
    public static string Fill(string template) => template
        .Replace("{roles}", RoleNames.Roles.List, StringComparison.Ordinal)
        .Replace("{stages}", RoleNames.Stages.List, StringComparison.Ordinal)
        .Replace("{sorts}", List(Sorts), StringComparison.Ordinal);

    public static bool TryParseSort(string text, out AccountSort sort)
    {
        string folded = text.Replace("_", "", StringComparison.Ordinal);
        foreach (AccountSort s in Enum.GetValues<AccountSort>())
            if (s.ToString().Equals(folded, StringComparison.OrdinalIgnoreCase)) { sort = s; return true; }
        sort = AccountSort.Influence;
        return false;
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>The names the API accepts, for clients that build their own pickers (the dashboard's role filters).</summary>
public sealed record VocabularyDto(
    [property: Description("Account roles, as role filters take them and lists show them.")] IReadOnlyList<string> Roles,
    [property: Description("Presence stages.")] IReadOnlyList<string> Stages,
    [property: Description("Sort keys of the account list.")] IReadOnlyList<string> Sorts)
{
    public static VocabularyDto Current { get; } = new(Vocabulary.Roles, Vocabulary.Stages, Vocabulary.Sorts);
}

/// <summary>A description (OpenAPI, JSON schema) whose {roles}, {stages} and {sorts} are filled from <see cref="Vocabulary"/>.</summary>
[AttributeUsage(AttributeTargets.All)]
public sealed class VocabularyDescriptionAttribute(string template) : DescriptionAttribute(template)
{
    public override string Description => Vocabulary.Fill(DescriptionValue);
}

/// <summary>Sort keys of the account list; callers send the names in camelCase (<see cref="Vocabulary.Sorts"/>).</summary>
public enum AccountSort { Influence = 0, Followers = 1, Pagerank = 2, EngagementRate = 3, CommunityRank = 4 }
