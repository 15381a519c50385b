using Influence.Core.Model;

namespace Influence.Tests.Shared;

/// <summary>
/// One interactions fixture for every entry point — the CLI (<c>import</c> and <c>analyze</c>), the importer and
/// each API body format — with what every one of them must store and which rows, by which field, every one must
/// refuse (issue 10: one row rule set, the same verdict whatever the way in).
/// </summary>
public static class SameVerdictFixture
{
    public const string Header = "source,target,kind,timestamp,weight,stance";

    /// <summary>Valid rows in the forms the rules accept: numeric and ISO times, fractional seconds, kind aliases, quoted ids.</summary>
    public const string Csv = """
        source,target,kind,timestamp,weight,stance
        007,7,reply,1700000000,1,0.5
        Émilie,@bob,RT,2024-05-01T12:00:00Z,2.5,
        @bob,Émilie,like,1700000000.9,1000000,-1
        "a,b",@bob,mention,,3,

        """;

    /// <summary>The rows of <see cref="Csv"/> as JSON objects (numbers and strings where JSON allows either).</summary>
    public static readonly string[] JsonObjects =
    [
        """{"source":"007","target":7,"kind":"reply","timestamp":1700000000,"weight":1,"stance":0.5}""",
        """{"source":"Émilie","target":"@bob","kind":"RT","timestamp":"2024-05-01T12:00:00Z","weight":"2.5","stance":null}""",
        """{"source":"@bob","target":"Émilie","kind":"Like","timestamp":1700000000.9,"weight":1e6,"stance":-1}""",
        """{"source":"a,b","target":"@bob","kind":"mention","weight":3}""",
    ];

    public static string JsonLines => string.Join('\n', JsonObjects) + "\n";

    public static string JsonArray => "[\n" + string.Join(",\n", JsonObjects) + "\n]";

    /// <summary>
    /// What every entry point stores from the fixture, as <see cref="Rows"/> lists them, in ordinal order
    /// (no time: <c>long.MinValue</c>; no stance: NaN).
    /// </summary>
    public static readonly string[] Stored =
    [
        "007|7|Reply|1700000000|1|0.5",
        "@bob|Émilie|Like|1700000000|1000000|-1",
        "a,b|@bob|Mention|-9223372036854775808|3|NaN",
        "Émilie|@bob|Share|1714564800|2.5|NaN",
    ];

    /// <summary>The interactions of a stored graph as <see cref="Stored"/> lists them, in ordinal order.</summary>
    public static List<string> Rows(InfluenceInput graph)
    {
        InteractionLog log = graph.Interactions;
        var rows = new List<string>();
        for (int i = 0; i < log.Count; i++)
        {
            rows.Add(FormattableString.Invariant(
                $"{graph.Ids[log.Source[i]]}|{graph.Ids[log.Target[i]]}|{log.Kind[i]}|{log.Timestamp[i]}|{log.Weight[i]:R}|{log.Stance[i]:R}"));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>Rows every entry point refuses, as a CSV line and a JSON object, with the field the refusal names.</summary>
    public static readonly (string Csv, string Json, string Field)[] BadRows =
    [
        ("@a,@b,reply,1714564800000,1,", """{"source":"@a","target":"@b","kind":"reply","timestamp":1714564800000}""", "timestamp"),
        ("@a,@b,reply,1700000000,1e308,", """{"source":"@a","target":"@b","kind":"reply","weight":1e308}""", "weight"),
        ("@a,@b,poke,1700000000,1,", """{"source":"@a","target":"@b","kind":"poke"}""", "kind"),
        ("@a,@b,like,1700000000,1,2", """{"source":"@a","target":"@b","kind":"like","stance":2}""", "stance"),
        ("@a,,like,1700000000,1,", """{"source":"@a","target":"","kind":"like"}""", "target"),
        ("@a\u0001,@b,like,1700000000,1,", """{"source":"@a\u0001","target":"@b","kind":"like"}""", "source"),
    ];

    public static string BadCsv => Header + "\n" + string.Join('\n', BadRows.Select(r => r.Csv)) + "\n";

    public static string BadJsonLines => string.Join('\n', BadRows.Select(r => r.Json)) + "\n";

    /// <summary>
    /// The refusals every entry point must report for <see cref="BadCsv"/> (<paramref name="csv"/>: the header is
    /// line 1) or <see cref="BadJsonLines"/>: <c>line:field</c>, in line order.
    /// </summary>
    public static string[] BadVerdicts(bool csv) => [.. BadRows.Select((r, i) => $"{i + (csv ? 2 : 1)}:{r.Field}")];
}
