using System.Globalization;
using Influence.Core.Model;

namespace Influence.QuikGraph;

/// <summary>The words for the ties of a path step (one place, so the API, the CLI and the dashboard say the same).</summary>
public static class PathText
{
    /// <summary>The tie kind of a follow (the interaction kinds use <see cref="InteractionKinds.Name"/>).</summary>
    public const string Follows = "follows";

    /// <summary>Every tie kind a path step can name, follows first.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Follows, .. InteractionKinds.All.Select(InteractionKinds.Name)];

    /// <summary>"b follows a; b shared a ×3; a replied to b".</summary>
    public static string Describe(string from, string to, IReadOnlyList<TieCount> forward, IReadOnlyList<TieCount> backward)
    {
        var parts = new List<string>();
        foreach (TieCount t in forward) parts.Add(Phrase(from, to, t));
        foreach (TieCount t in backward) parts.Add(Phrase(to, from, t));
        return string.Join("; ", parts);
    }

    private static string Phrase(string actor, string other, TieCount tie)
    {
        string verb = tie.Kind switch
        {
            Follows => "follows",
            "reply" => "replied to",
            "mention" => "mentioned",
            "share" => "shared",
            "quote" => "quoted",
            "comment" => "commented on",
            "like" => "liked",
            _ => tie.Kind,
        };
        string times = tie.Kind == Follows || tie.Count == 1 ? "" : " ×" + tie.Count.ToString("0.##", CultureInfo.InvariantCulture);
        return $"{actor} {verb} {other}{times}";
    }
}
