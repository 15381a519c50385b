using System.Text;
using System.Text.RegularExpressions;
using Influence.Tests.Shared;

namespace Influence.Architecture.Tests;

/// <summary>
/// The size rules of the team guide, on the sources under src/: no file over <see cref="MaxFileLines"/> lines; no
/// method (constructor, accessor, operator) over <see cref="MaxMemberLines"/> lines unless a <c>//</c> comment right
/// above it says why (e.g. <c>// One method on purpose: …</c>).
/// </summary>
public sealed class SourceSizeTests
{
    private const int MaxFileLines = 600;
    private const int MaxMemberLines = 80;

    private static IEnumerable<string> Sources() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/');

    [Fact]
    public void No_source_file_is_over_600_lines()
    {
        var over = Sources()
            .Select(f => (File: Relative(f), Lines: File.ReadAllText(f).TrimEnd('\n').Split('\n').Length))
            .Where(f => f.Lines > MaxFileLines)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();
        Assert.True(over.Count == 0, $"Files over {MaxFileLines} lines (split them by concern): {string.Join("; ", over)}");
    }

    [Fact]
    public void No_method_is_over_80_lines_without_a_reason_above_it()
    {
        var over = new List<string>();
        foreach (string file in Sources())
        {
            string text = File.ReadAllText(file).Replace("\r\n", "\n");
            foreach (Member m in Members(text))
                if (m.Lines > MaxMemberLines && !m.HasReason)
                    over.Add($"{Relative(file)}:{m.Line} {m.Name} ({m.Lines} lines)");
        }
        Assert.True(over.Count == 0,
            $"Members over {MaxMemberLines} lines with no '//' comment above them saying why: {string.Join("; ", over)}");
    }

    [Fact]
    public void The_member_finder_sees_members_and_skips_braces_in_strings_and_comments()
    {
        const string code = """
            namespace N;
            public sealed class C
            {
                private static readonly string s_braces = "}}{";
                // One method on purpose: a reason.
                public int Long(int x)
                {
                    char open = '{';
                    string s = $"{x} {(x > 0 ? "}" : "{")}";
                    /* } */
                    return x;
                }
                public int Short => 1;
            }
            """;
        Member m = Assert.Single(Members(code));
        Assert.Equal("Long", m.Name);
        Assert.Equal(6, m.Line);
        Assert.Equal(7, m.Lines);
        Assert.True(m.HasReason);
    }

    /// <summary>A member with a block body: its name, first line (1-based), length in lines, and whether a <c>//</c> comment stands right above it.</summary>
    private sealed record Member(string Name, int Line, int Lines, bool HasReason);

    /// <summary>
    /// The block-bodied members of the types in <paramref name="text"/>: every <c>{</c> opened directly inside a type
    /// body that does not itself open a type. Strings, characters and comments are blanked first, so their braces do not count.
    /// </summary>
    private static List<Member> Members(string text)
    {
        string code = Blank(text);
        string[] lines = text.Split('\n');
        var members = new List<Member>();
        // Per open brace: does it open a type (or namespace) body, and where and what the member it opens is.
        var stack = new Stack<(bool IsType, int Start, string Name, int Brace)>();
        int headerStart = 0;
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            if (c == ';') headerStart = i + 1;
            else if (c == '{')
            {
                string header = Regex.Replace(code[headerStart..i], @"^\s*(\[[^\]]*\]\s*)*", "");
                // A type keyword before any parenthesis declares a type ('where T : class' follows a method's parameters).
                Match keyword = Regex.Match(header, @"\b(class|struct|record|interface|enum|namespace)\b");
                int paren = header.IndexOf('(', StringComparison.Ordinal);
                bool isType = keyword.Success && (paren < 0 || paren > keyword.Index);
                string name = NameIn(header);
                int start = headerStart + (code[headerStart..i].Length - code[headerStart..i].TrimStart().Length);
                stack.Push((isType, start, name, i));
                headerStart = i + 1;
            }
            else if (c == '}')
            {
                if (stack.Count == 0) break;
                var (isType, start, name, brace) = stack.Pop();
                bool parentIsType = stack.Count == 0 || stack.Peek().IsType;
                if (!isType && parentIsType)
                {
                    int firstLine = LineOf(code, start), bodyLine = LineOf(code, brace), lastLine = LineOf(code, i);
                    members.Add(new Member(name, firstLine, lastLine - firstLine + 1, ReasonAbove(lines, firstLine, bodyLine)));
                }
                headerStart = i + 1;
            }
        }
        return members;
    }

    private static int LineOf(string code, int index)
    {
        int line = 1;
        for (int i = 0; i < index; i++) if (code[i] == '\n') line++;
        return line;
    }

    /// <summary>
    /// A <c>//</c> comment (not a <c>///</c> doc line) among the comment and attribute lines right above the member's
    /// first line, or between its first line and its body (e.g. under an attribute).
    /// </summary>
    private static bool ReasonAbove(string[] lines, int firstLine, int bodyLine)
    {
        for (int i = firstLine - 1; i < bodyLine - 1 && i < lines.Length; i++)
            if (IsReason(lines[i].Trim())) return true;
        for (int i = firstLine - 2; i >= 0; i--)
        {
            string l = lines[i].Trim();
            if (IsReason(l)) return true;
            if (!l.StartsWith("///", StringComparison.Ordinal) && !l.StartsWith('[')) return false;
        }
        return false;
    }

    private static bool IsReason(string line) => line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith("///", StringComparison.Ordinal);

    /// <summary>The member's name: the last identifier before a parenthesis at depth 0 that is not a keyword (else the header's last word).</summary>
    private static string NameIn(string header)
    {
        string name = "";
        foreach (Match m in Regex.Matches(header, @"(\w+)\s*(<[^()]*>)?\s*\("))
        {
            int depth = header[..m.Index].Count(ch => ch == '(') - header[..m.Index].Count(ch => ch == ')');
            if (depth == 0 && m.Groups[1].Value is not ("static" or "async" or "new" or "operator" or "this" or "base" or "when" or "where"))
                name = m.Groups[1].Value;
        }
        return name.Length > 0 ? name : header.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
    }

    /// <summary>The code with every comment, string and character literal replaced by spaces (line breaks kept).</summary>
    private static string Blank(string text)
    {
        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            int end = LiteralEnd(text, i);
            if (end > i)
            {
                for (int k = i; k < end; k++) sb.Append(text[k] == '\n' ? '\n' : ' ');
                i = end;
            }
            else sb.Append(text[i++]);
        }
        return sb.ToString();
    }

    /// <summary>Where the comment or literal starting at <paramref name="i"/> ends (exclusive); <paramref name="i"/> when none starts there.</summary>
    private static int LiteralEnd(string t, int i)
    {
        if (At(t, i, "//")) { int e = t.IndexOf('\n', i); return e < 0 ? t.Length : e; }
        if (At(t, i, "/*")) { int e = t.IndexOf("*/", i + 2, StringComparison.Ordinal); return e < 0 ? t.Length : e + 2; }
        if (t[i] == '\'') return CharEnd(t, i);
        int p = i;
        bool interpolated = false, verbatim = false;
        while (p < t.Length && (t[p] == '$' || t[p] == '@'))
        {
            interpolated |= t[p] == '$';
            verbatim |= t[p] == '@';
            p++;
        }
        if (p >= t.Length || t[p] != '"') return i;
        if (At(t, p, "\"\"\"")) return RawEnd(t, p, interpolated);
        return StringEnd(t, p, interpolated, verbatim);
    }

    private static bool At(string t, int i, string s) => string.CompareOrdinal(t, i, s, 0, s.Length) == 0;

    private static int CharEnd(string t, int i)
    {
        int p = i + 1;
        while (p < t.Length && t[p] != '\'' && t[p] != '\n') p += t[p] == '\\' ? 2 : 1;
        return Math.Min(p + 1, t.Length);
    }

    /// <summary>End of a regular or verbatim string from its opening quote at <paramref name="q"/>; interpolation holes may hold strings of their own.</summary>
    private static int StringEnd(string t, int q, bool interpolated, bool verbatim)
    {
        int p = q + 1;
        while (p < t.Length)
        {
            char c = t[p];
            if (!verbatim && c == '\\') { p += 2; continue; }
            if (c == '"')
            {
                if (verbatim && p + 1 < t.Length && t[p + 1] == '"') { p += 2; continue; }
                return p + 1;
            }
            if (interpolated && c == '{')
            {
                if (p + 1 < t.Length && t[p + 1] == '{') { p += 2; continue; }
                p = HoleEnd(t, p + 1);
                continue;
            }
            p++;
        }
        return t.Length;
    }

    private static int RawEnd(string t, int q, bool interpolated)
    {
        int quotes = 0;
        while (q + quotes < t.Length && t[q + quotes] == '"') quotes++;
        string close = new('"', quotes);
        int e = t.IndexOf(close, q + quotes, StringComparison.Ordinal);
        _ = interpolated; // holes of raw strings are left as text: the closing quotes end the literal either way
        return e < 0 ? t.Length : e + quotes;
    }

    /// <summary>End of an interpolation hole (just after its closing brace), skipping nested literals and braces.</summary>
    private static int HoleEnd(string t, int p)
    {
        int depth = 1;
        while (p < t.Length)
        {
            int end = LiteralEnd(t, p);
            if (end > p) { p = end; continue; }
            if (t[p] == '{') depth++;
            else if (t[p] == '}' && --depth == 0) return p + 1;
            p++;
        }
        return t.Length;
    }
}
