using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Influence.Storage.Neo4j;
using Influence.Tests.Shared;

namespace Influence.Storage.Tests.Neo4j;

/// <summary>
/// A tokenizer-level reading of a Cypher file: strings ('…', "…" with backslash escapes), `quoted`
/// identifiers, // and /* */ comments are skipped; what remains is checked for statement separators,
/// Browser commands and $parameters. Not a parser: it proves "one statement, declared parameters".
/// </summary>
public static partial class CypherFileCheck
{
    public sealed record Report(int Statements, bool StartsWithBrowserCommand, IReadOnlySet<string> UsedParameters,
        IReadOnlyDictionary<string, string> DeclaredParameters, string? Problem);

    public static Report Read(string text)
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        var code = new StringBuilder();
        int statements = 0;
        bool inStatement = false;
        string? problem = null;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) { problem ??= "unterminated /* comment"; break; }
                i = end + 2;
                continue;
            }
            if (c is '\'' or '"' or '`')
            {
                int j = i + 1;
                while (j < text.Length && text[j] != c)
                {
                    if (text[j] == '\\' && c != '`') j++;
                    j++;
                }
                if (j >= text.Length) { problem ??= $"unterminated {c} literal"; break; }
                if (!inStatement) { inStatement = true; statements++; }
                code.Append(' ');
                i = j + 1;
                continue;
            }
            if (c == ';')
            {
                inStatement = false;
                i++;
                continue;
            }
            if (!char.IsWhiteSpace(c) && !inStatement)
            {
                inStatement = true;
                statements++;
            }
            if (c == '$')
            {
                int j = i + 1;
                if (j < text.Length && text[j] == '`')
                {
                    int end = text.IndexOf('`', j + 1);
                    if (end > j) { used.Add(text[(j + 1)..end]); i = end + 1; continue; }
                }
                while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '_')) j++;
                if (j > i + 1) used.Add(text[(i + 1)..j]);
                else problem ??= "a '$' not followed by a parameter name";
                i = j;
                continue;
            }
            code.Append(c);
            i++;
        }
        bool browserCommand = code.ToString().TrimStart().StartsWith(':');
        var declared = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in ParamHeader().Matches(text)) declared[m.Groups[1].Value] = m.Groups[2].Value.Trim();
        return new Report(statements, browserCommand, used, declared, problem);
    }

    [GeneratedRegex(@"^//\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(\S[^\r\n]*)$", RegexOptions.Multiline)]
    private static partial Regex ParamHeader();
}

public sealed class CypherFileTests
{
    private static string CypherDirectory => Path.Combine(TestPaths.RepoRoot, "cypher");

    public static TheoryData<string> CypherFiles()
    {
        var data = new TheoryData<string>();
        foreach (string relative in CypherFilesOnDisk()) data.Add(relative + ".cypher");
        return data;
    }

    /// <summary>Paths under cypher/ without extension (tools/ holds the linter, not statements).</summary>
    private static string[] CypherFilesOnDisk()
    {
        string root = Path.Combine(TestPaths.RepoRoot, "cypher");
        return [.. Directory.EnumerateFiles(root, "*.cypher", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(r => !r.StartsWith("tools/", StringComparison.Ordinal))
            .Select(r => r[..^".cypher".Length])
            .Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(CypherFiles))]
    public void Every_file_is_one_statement_with_declared_parameters_and_no_browser_command(string relative)
    {
        string text = File.ReadAllText(Path.Combine(CypherDirectory, relative));

        var report = CypherFileCheck.Read(text);

        Assert.Null(report.Problem);
        Assert.Equal(1, report.Statements);
        Assert.False(report.StartsWithBrowserCommand, $"{relative} starts with a Browser command (':param', ':auto', …)");
        Assert.DoesNotContain(';', StripCommentsForSemicolonCheck(text));
        Assert.Equal(report.UsedParameters.Order(), report.DeclaredParameters.Keys.Order());
        Assert.All(report.DeclaredParameters.Values, type => Assert.Matches(@"^(string|integer|float|boolean|list<[a-z]+>|map)\??(\s|$)", type));
        Assert.StartsWith("//", text.TrimStart());  // every file says what it answers
    }

    private static string StripCommentsForSemicolonCheck(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    [Fact]
    public void Every_file_on_disk_is_embedded_unchanged_and_nothing_else_is()
    {
        var onDisk = CypherFilesOnDisk();

        Assert.Equal(onDisk, CypherScripts.Names);
        foreach (string name in onDisk)
            Assert.Equal(File.ReadAllText(Path.Combine(CypherDirectory, name + ".cypher")), CypherScripts.Get(name));
        Assert.Throws<KeyNotFoundException>(() => CypherScripts.Get("queries/no-such-file"));
        Assert.Throws<ArgumentException>(() => CypherScripts.Get(" "));
    }

    [Fact]
    public void The_analyst_questions_and_the_loaders_exist()
    {
        string[] expected =
        [
            "load/load-follows", "load/load-interactions", "queries/top-influencers-of-community",
            "queries/celebrities-vs-micro-influencers", "queries/defenders-of-account", "queries/community-reciprocity",
            "queries/popularity-vs-influence", "queries/campaign-audience-overlap", "queries/suspicious-spikes",
        ];
        Assert.All(expected, name => Assert.Contains(name, CypherScripts.Names));
        Assert.Equal(["community", "k"], CypherFileCheck.Read(CypherScripts.Get("queries/top-influencers-of-community")).UsedParameters);
        Assert.Equal(["account"], CypherFileCheck.Read(CypherScripts.Get("queries/defenders-of-account")).UsedParameters);
        Assert.Equal(["url"], CypherFileCheck.Read(CypherScripts.Get("load/load-follows")).UsedParameters);
        Assert.Equal(["accounts", "minInteractions"], CypherFileCheck.Read(CypherScripts.Get("queries/campaign-audience-overlap")).UsedParameters);
        Assert.Equal(["limit", "minFakes"], CypherFileCheck.Read(CypherScripts.Get("queries/suspicious-spikes")).UsedParameters);
    }

    [Theory]
    [InlineData("RETURN 'a;b' AS x", 1, false, null)]
    [InlineData("RETURN 1; RETURN 2", 2, false, null)]
    [InlineData("RETURN 1;", 1, false, null)]
    [InlineData(":param k => 10\nRETURN $k", 1, true, null)]
    [InlineData("// RETURN $hidden;\nRETURN \"it's \\\" $notaparam\" AS s", 1, false, null)]
    [InlineData("/* a; b */ MATCH (n) RETURN n", 1, false, null)]
    [InlineData("RETURN 'open", 1, false, "unterminated ' literal")]
    [InlineData("RETURN $ AS x", 1, false, "a '$' not followed by a parameter name")]
    public void The_checker_itself_tells_strings_comments_and_statements_apart(string text, int statements, bool browser, string? problem)
    {
        var report = CypherFileCheck.Read(text);

        Assert.Equal(statements, report.Statements);
        Assert.Equal(browser, report.StartsWithBrowserCommand);
        Assert.Equal(problem, report.Problem);
    }

    [Fact]
    public void The_checker_finds_parameters_outside_strings_and_comments_only()
    {
        var report = CypherFileCheck.Read("// @param a: integer\n// uses $b in a comment\nMATCH (n {x: $a, y: $`odd name`}) RETURN '$c'");

        Assert.Equal(["a", "odd name"], report.UsedParameters);
        Assert.Equal(["a"], report.DeclaredParameters.Keys);
    }

    [Fact]
    public void The_notebook_is_nbformat_4_with_python_code_cells_and_no_outputs()
    {
        string path = Path.Combine(CypherDirectory, "influence.ipynb");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;

        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.Equal("python", root.GetProperty("metadata").GetProperty("kernelspec").GetProperty("language").GetString());
        var cells = root.GetProperty("cells").EnumerateArray().ToArray();
        var code = cells.Where(c => c.GetProperty("cell_type").GetString() == "code").ToArray();
        Assert.True(code.Length >= 5);
        Assert.All(cells, c => Assert.Contains(c.GetProperty("cell_type").GetString(), new[] { "code", "markdown" }));
        Assert.All(code, c =>
        {
            Assert.Empty(c.GetProperty("outputs").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("execution_count").ValueKind);
        });
        string source = string.Join("\n", code.Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(s => s.GetString()))));
        Assert.Contains("from neo4j import GraphDatabase", source);
        Assert.Contains("NEO4J_URI", source);
        Assert.Contains("set_xscale(\"log\")", source);
        Assert.DoesNotContain("%%cypher", source);
        foreach (string query in new[] { "top-influencers-of-community", "defenders-of-account", "popularity-vs-influence", "community-reciprocity", "celebrities-vs-micro-influencers" })
            Assert.Contains(query, source);
    }

    [SkippableFact]
    public void Every_file_passes_Neo4js_own_parser_and_semantic_analysis()
    {
        string tools = Path.Combine(CypherDirectory, "tools");
        Skip.IfNot(Directory.Exists(Path.Combine(tools, "node_modules", "@neo4j-cypher", "language-support")),
            "Cypher linter not installed: run `npm ci` in cypher/tools (needs node and the npm registry) to check every file with Neo4j's parser.");
        var psi = new System.Diagnostics.ProcessStartInfo("node", "lint-cypher.mjs")
        {
            WorkingDirectory = tools, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        System.Diagnostics.Process process;
        try
        {
            process = System.Diagnostics.Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new SkipException("`node` is not on PATH: Cypher lint skipped.");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(120_000), "the Cypher linter did not finish within 2 minutes");
            Assert.True(process.ExitCode == 0, $"Cypher lint failed:\n{stdout.Result}\n{stderr.Result}");
            Assert.Contains($"{CypherFilesOnDisk().Length} passed, 0 failed", stdout.Result);
        }
    }

    [SkippableFact]
    public void The_notebook_code_compiles_as_python()
    {
        Skip.IfNot(File.Exists("/usr/bin/python3"), "/usr/bin/python3 not installed: notebook syntax check skipped.");
        string path = Path.Combine(CypherDirectory, "influence.ipynb");

        string output = TestPaths.RunPython("""
            import json, sys
            nb = json.load(open(sys.argv[1] if len(sys.argv) > 1 else sys.stdin.readline().strip()))
            for i, cell in enumerate(nb["cells"]):
                if cell["cell_type"] == "code":
                    compile("".join(cell["source"]), f"cell {i}", "exec")
            print("ok")
            """, path + "\n");

        Assert.Equal("ok", output.Trim());
    }

    [SkippableFact]
    public void The_compose_file_parses_and_wires_the_service_to_a_healthy_neo4j()
    {
        Skip.IfNot(File.Exists("/usr/bin/python3"), "/usr/bin/python3 not installed: compose file check skipped.");
        string compose = Path.Combine(TestPaths.RepoRoot, "docker-compose.yml");

        string output;
        try
        {
            output = TestPaths.RunPython("""
                import json, sys, yaml
                doc = yaml.safe_load(open(sys.stdin.readline().strip()))
                print(json.dumps(doc))
                """, compose + "\n");
        }
        catch (InvalidOperationException e) when (e.Message.Contains("No module named 'yaml'"))
        {
            throw new SkipException("python3-yaml not installed: compose file check skipped.");
        }
        using var doc = JsonDocument.Parse(output);
        var services = doc.RootElement.GetProperty("services");
        var neo4j = services.GetProperty("neo4j");
        Assert.StartsWith("neo4j:5.26", neo4j.GetProperty("image").GetString());
        Assert.Contains("7474", neo4j.GetProperty("healthcheck").GetProperty("test").ToString());
        var influence = services.GetProperty("influence");
        Assert.Equal("service_healthy", influence.GetProperty("depends_on").GetProperty("neo4j").GetProperty("condition").GetString());
        Assert.Equal("http://neo4j:7474", influence.GetProperty("environment").GetProperty("Neo4j__Uri").GetString());
        Assert.True(doc.RootElement.GetProperty("volumes").EnumerateObject().Any());
        string dockerfile = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "Dockerfile"));
        Assert.Contains("mcr.microsoft.com/dotnet/sdk:10.0", dockerfile);
        Assert.Contains("mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile);
        Assert.Contains("/health/ready", dockerfile);
    }
}
