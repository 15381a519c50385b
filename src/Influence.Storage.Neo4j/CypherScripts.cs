using System.Collections.Concurrent;
using System.Reflection;

namespace Influence.Storage.Neo4j;

/// <summary>
/// The <c>.cypher</c> files of the repository's <c>cypher/</c> folder, embedded in this assembly: the
/// service sends the very statements analysts open in Neo4j Browser or Jupyter. One statement per file.
/// </summary>
public static class CypherScripts
{
    private const string Prefix = "Influence.Cypher.";
    private static readonly Assembly s_assembly = typeof(CypherScripts).Assembly;
    private static readonly ConcurrentDictionary<string, string> s_cache = new(StringComparer.Ordinal);

    /// <summary>Names of every embedded file, as <c>folder/name</c> without extension (e.g. <c>queries/defenders-of-account</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = ListNames();

    /// <summary>Statements of the <c>cypher/schema/</c> folder, in file-name order (constraints and indexes).</summary>
    public static IReadOnlyList<string> Schema { get; } = [.. Names.Where(n => n.StartsWith("schema/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>The text of <c>cypher/<paramref name="name"/>.cypher</c> (e.g. <c>store/merge-follows</c>).</summary>
    /// <exception cref="KeyNotFoundException">No such file was embedded.</exception>
    public static string Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return s_cache.GetOrAdd(name, static n =>
        {
            string resource = Prefix + n.Replace('/', '.') + ".cypher";
            using var stream = s_assembly.GetManifestResourceStream(resource)
                ?? throw new KeyNotFoundException($"No Cypher file 'cypher/{n}.cypher' is embedded in {s_assembly.GetName().Name} (known: {string.Join(", ", Names)}).");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        });
    }

    private static string[] ListNames()
    {
        var names = new List<string>();
        foreach (string resource in s_assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || !resource.EndsWith(".cypher", StringComparison.Ordinal)) continue;
            string inner = resource[Prefix.Length..^".cypher".Length];
            int dot = inner.IndexOf('.');
            names.Add(dot < 0 ? inner : inner[..dot] + "/" + inner[(dot + 1)..]);
        }
        names.Sort(StringComparer.Ordinal);
        return [.. names];
    }
}
