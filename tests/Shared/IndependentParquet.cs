using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Influence.Tests.Shared;

/// <summary>
/// An independent Parquet implementation for checking our files: hyparquet / hyparquet-writer (pure JavaScript, from
/// npm) driven through tests/tools/parquet/parquet-check.mjs. Tests using it skip with a message when node or the
/// packages are absent (.ci/run installs them: <c>npm ci</c> in tests/tools/parquet).
/// </summary>
public static class IndependentParquet
{
    private static string ToolDirectory => Path.Combine(TestPaths.RepoRoot, "tests", "tools", "parquet");

    /// <summary>Skips the test unless node and the npm packages are installed.</summary>
    public static void Require()
    {
        Skip.IfNot(Directory.Exists(Path.Combine(ToolDirectory, "node_modules", "hyparquet"))
                   && Directory.Exists(Path.Combine(ToolDirectory, "node_modules", "hyparquet-writer")),
            "Independent Parquet implementation not installed (run `npm ci` in tests/tools/parquet): check skipped.");
        Skip.IfNot(s_nodeAvailable.Value, "`node` is not on PATH: independent Parquet check skipped.");
    }

    private static readonly Lazy<bool> s_nodeAvailable = new(() =>
    {
        try
        {
            Run("--version");
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    });

    /// <summary>Reads <paramref name="file"/>: <c>columns</c> (name, type, converted, logical, optional), <c>rowGroups</c> (row counts), <c>rows</c>.</summary>
    public static JsonObject Read(string file) => JsonNode.Parse(Run("parquet-check.mjs", "read", file))!.AsObject();

    /// <summary>Writes <paramref name="file"/> with the independent writer. Column types: STRING, INT32, INT64, DOUBLE, TIMESTAMP_MILLIS, TIMESTAMP_MICROS.</summary>
    public static void Write(string file, int rowGroupSize, params (string Name, string Type, object?[] Data)[] columns) =>
        Write(file, new Layout(rowGroupSize), [.. columns.Select(c => (c.Name, c.Type, (string?)null, c.Data))]);

    /// <summary>How the independent writer lays a file out: rows per group, codec (UNCOMPRESSED, SNAPPY, GZIP, BROTLI), bytes per data page (null: its default).</summary>
    public sealed record Layout(int RowGroupSize, string Codec = "SNAPPY", int? PageSize = null);

    /// <summary>
    /// Writes <paramref name="file"/> with <paramref name="layout"/>; a column's encoding (PLAIN, RLE_DICTIONARY,
    /// DELTA_BINARY_PACKED, …) is forced when given, else the writer chooses (dictionary where it pays).
    /// </summary>
    public static void Write(string file, Layout layout, params (string Name, string Type, string? Encoding, object?[] Data)[] columns)
    {
        var spec = new JsonObject
        {
            ["rowGroupSize"] = layout.RowGroupSize,
            ["codec"] = layout.Codec,
            ["columns"] = new JsonArray([.. columns.Select(c =>
            {
                var column = new JsonObject
                {
                    ["name"] = c.Name,
                    ["type"] = c.Type,
                    ["data"] = new JsonArray([.. c.Data.Select(v => v is null ? null : JsonValue.Create(v is long or int ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : v))]),
                };
                if (c.Encoding is not null) column["encoding"] = c.Encoding;
                return (JsonNode)column;
            })]),
        };
        if (layout.PageSize is { } pageSize) spec["pageSize"] = pageSize;
        string specFile = Path.Combine(Path.GetTempPath(), $"parquet-spec-{Guid.NewGuid():N}.json");
        File.WriteAllText(specFile, spec.ToJsonString());
        try
        {
            Run("parquet-check.mjs", "write", specFile, file);
        }
        finally
        {
            File.Delete(specFile);
        }
    }

    private static string Run(params string[] args)
    {
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = ToolDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("node parquet-check timed out");
        }
        if (p.ExitCode != 0) throw new InvalidOperationException($"node {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
