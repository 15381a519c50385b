using System.Globalization;
using Influence.Tests.Shared;
using Parquet;
using Parquet.Schema;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary>Parquet through the command line: input detected by content or named by --*-format, output with --output-format.</summary>
public sealed class ParquetCommandTests
{
    /// <summary>Writes the demo world's CSV files as typed Parquet (string ids, integer since, timestamp times, nullable stance).</summary>
    private static async Task<(string Follows, string Interactions)> ToParquetAsync(string world, int rowGroupSize = 5_000)
    {
        string[][] follows = [.. Lines(Path.Combine(world, "follows.csv")).Skip(1).Select(l => l.Split(','))];
        string followsFile = Path.Combine(world, "follows.data"); // no .parquet extension: found by its magic bytes
        var source = new DataField<string>("source");
        var target = new DataField<string>("target");
        var since = new DataField<long?>("since");
        await WriteAsync(followsFile, new ParquetSchema(source, target, since), follows.Length, rowGroupSize, async (group, from, count) =>
        {
            await group.WriteAsync(source, follows[from..(from + count)].Select(r => r[0]).ToArray());
            await group.WriteAsync(target, follows[from..(from + count)].Select(r => r[1]).ToArray());
            await group.WriteAsync<long>(since, follows[from..(from + count)].Select(r => (long?)long.Parse(r[2], CultureInfo.InvariantCulture)).ToArray());
        });

        string[][] rows = [.. Lines(Path.Combine(world, "interactions.csv")).Skip(1).Select(l => l.Split(','))];
        string interactionsFile = Path.Combine(world, "interactions.parquet");
        var kind = new DataField<string>("kind");
        var at = new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: true);
        var weight = new DataField<double>("weight");
        var stance = new DataField<double?>("stance");
        static double? Number(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);
        await WriteAsync(interactionsFile, new ParquetSchema(source, target, kind, at, weight, stance), rows.Length, rowGroupSize, async (group, from, count) =>
        {
            string[][] part = rows[from..(from + count)];
            await group.WriteAsync(source, part.Select(r => r[0]).ToArray());
            await group.WriteAsync(target, part.Select(r => r[1]).ToArray());
            await group.WriteAsync(kind, part.Select(r => r[2]).ToArray());
            await group.WriteAsync<DateTime>(at, part.Select(r => r[3].Length == 0 ? (DateTime?)null
                : DateTime.UnixEpoch.AddSeconds(long.Parse(r[3], CultureInfo.InvariantCulture))).ToArray());
            await group.WriteAsync<double>(weight, part.Select(r => Number(r[4])!.Value).ToArray());
            await group.WriteAsync<double>(stance, part.Select(r => Number(r[5])).ToArray());
        });
        return (followsFile, interactionsFile);
    }

    private static async Task WriteAsync(string file, ParquetSchema schema, int rows, int rowGroupSize, Func<ParquetRowGroupWriter, int, int, Task> writeGroup)
    {
        await using FileStream stream = File.Create(file);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream);
        for (int from = 0; from < rows; from += rowGroupSize)
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await writeGroup(group, from, Math.Min(rowGroupSize, rows - from));
        }
    }

    [Fact]
    public async Task The_same_graph_from_csv_and_from_parquet_gives_byte_identical_results()
    {
        string world = DemoWorld(seed: 21);
        var (follows, interactions) = await ToParquetAsync(world);
        string fromCsv = Path.Combine(world, "from-csv"), fromParquet = Path.Combine(world, "from-parquet");
        Ok("analyze", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"), "--out", fromCsv);
        CliResult result = Ok("analyze", "--follows", follows, "--interactions", interactions, "--out", fromParquet);
        Assert.Contains("rows (parquet)", result.Stdout);
        foreach (string file in new[] { "accounts.csv", "defenders.csv", "critics.csv" })
            Assert.True(File.ReadAllBytes(Path.Combine(fromCsv, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(fromParquet, file))),
                $"{file} differs between the CSV and the Parquet input");
    }

    [Fact]
    public async Task Output_format_parquet_writes_typed_tables_and_summary_json_only()
    {
        string world = DemoWorld(seed: 22);
        string outDir = Path.Combine(world, "pq");
        CliResult result = Ok("analyze", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"),
            "--out", outDir, "--output-format", "parquet");
        Assert.Equal(["accounts.parquet", "critics.parquet", "defenders.parquet", "summary.json"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("accounts.parquet", result.Stdout);
        await using ParquetReader reader = await ParquetReader.CreateAsync(Path.Combine(outDir, "accounts.parquet"));
        Assert.Equal(Core.Model.ResultTables.AccountColumns, reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(600, reader.RowGroups.Sum(g => g.RowCount));
        Assert.Equal(typeof(long), reader.Schema.FindDataField("followers").ClrType);
    }

    [Fact]
    public async Task No_reasons_leaves_only_the_prose_out_of_accounts_parquet_and_needs_parquet()
    {
        string world = DemoWorld(seed: 28);
        string[] files = ["--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv")];
        string full = Path.Combine(world, "full"), lean = Path.Combine(world, "lean");
        Ok(["analyze", .. files, "--out", full, "--output-format", "parquet"]);
        Ok(["analyze", .. files, "--out", lean, "--output-format", "parquet", "--no-reasons"]);
        await using (ParquetReader reader = await ParquetReader.CreateAsync(Path.Combine(lean, "accounts.parquet")))
        {
            Assert.Equal(Core.Model.ResultTables.AccountColumns.SkipLast(1), reader.Schema.GetDataFields().Select(f => f.Name));
            Assert.Equal(Core.Model.ResultTables.ReasonsColumn, Core.Model.ResultTables.AccountColumns[^1]);
            Assert.Equal(600, reader.RowGroups.Sum(g => g.RowCount));
        }
        Assert.True(new FileInfo(Path.Combine(lean, "accounts.parquet")).Length < new FileInfo(Path.Combine(full, "accounts.parquet")).Length / 2,
            "the prose is most of the file");
        CliResult csv = Run(["analyze", .. files, "--out", Path.Combine(world, "csv"), "--no-reasons"]);
        Assert.Equal(2, csv.ExitCode);
        Assert.Contains("--no-reasons applies to --output-format parquet", csv.Stderr);
    }

    [Fact]
    public async Task Bad_parquet_rows_are_rejected_with_row_group_and_row_or_stop_the_command_naming_them()
    {
        string dir = TestPaths.NewTempDirectory("influence-cli-parquet");
        string file = Path.Combine(dir, "follows.parquet");
        var source = new DataField<string>("source");
        var target = new DataField<string>("target");
        await WriteAsync(file, new ParquetSchema(source, target), 4, 2, async (group, from, count) =>
        {
            await group.WriteAsync(source, new[] { "a", "b", "c", "" }[from..(from + count)]);
            await group.WriteAsync(target, new[] { "b", "c", "a", "a" }[from..(from + count)]);
        });

        CliResult strict = Run("analyze", "--follows", file, "--out", Path.Combine(dir, "out"));
        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.Contains("follows.parquet: row 4 (row group 2, row 2 of the group): column 'source': empty id", strict.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")), "a failed command leaves no output");

        Ok("analyze", "--follows", file, "--out", Path.Combine(dir, "out"), "--skip-invalid");
        string[] rejects = Lines(Path.Combine(dir, "out", "rejects.csv"));
        Assert.Equal(2, rejects.Length);
        Assert.StartsWith($"{file},4,source,empty id,", rejects[1]);
        Assert.Equal(4, Lines(Path.Combine(dir, "out", "accounts.csv")).Length); // a, b, c
    }

    [Fact]
    public async Task Plan_and_influencer_lists_write_the_csv_columns_as_typed_parquet()
    {
        string world = DemoWorld(seed: 24);
        string[] files = ["--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv")];
        string[] csv = Ok(["plan", "--community", "0", "-k", "5", "--format", "csv", .. files]).Stdout.TrimEnd().Split('\n');
        string planFile = Path.Combine(world, "plan.parquet");
        Assert.Contains("plan.parquet (", Ok(["plan", "--community", "0", "-k", "5", "--format", "parquet", "--out", planFile, .. files]).Stdout);
        await using (ParquetReader reader = await ParquetReader.CreateAsync(planFile))
        {
            Assert.Equal(csv[0].Split(','), reader.Schema.GetDataFields().Select(f => f.Name));
            Assert.Equal(csv.Length - 1, reader.RowGroups.Sum(g => g.RowCount));
            Assert.Equal(typeof(bool), reader.Schema.FindDataField("included").ClrType);
        }

        string[] list = Ok(["influencers", "--community", "0", "-k", "7", .. files]).Stdout.TrimEnd().Split('\n');
        string listFile = Path.Combine(world, "list.parquet");
        Ok(["influencers", "--community", "0", "-k", "7", "--format", "parquet", "--out", listFile, .. files]);
        await using (ParquetReader reader = await ParquetReader.CreateAsync(listFile))
        {
            Assert.Equal(list[0].Split(','), reader.Schema.GetDataFields().Select(f => f.Name));
            Assert.Equal(list.Length - 1, reader.RowGroups.Sum(g => g.RowCount));
        }

        // parquet without a file, or a file without parquet, is a usage error
        Assert.Equal(2, Run(["plan", "--format", "parquet", .. files]).ExitCode);
        Assert.Equal(2, Run(["influencers", "--community", "0", "--out", listFile, .. files]).ExitCode);
    }

    [Fact]
    public void A_format_that_does_not_match_the_file_is_a_clear_error()
    {
        string world = DemoWorld(seed: 23);
        string csv = Path.Combine(world, "follows.csv");
        CliResult asParquet = Run("analyze", "--follows", csv, "--follows-format", "parquet", "--out", Path.Combine(world, "o1"));
        Assert.True(asParquet.ExitCode == 1, asParquet.ToString());
        Assert.Contains($"{csv}: not a readable Parquet file", asParquet.Stderr);

        CliResult unknown = Run("analyze", "--follows", csv, "--output-format", "xlsx", "--out", Path.Combine(world, "o2"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("xlsx", unknown.Stderr);
    }

    [Fact]
    public async Task Import_takes_parquet_files_into_the_store_as_it_takes_their_csv()
    {
        string world = DemoWorld(seed: 25);
        var (follows, interactions) = await ToParquetAsync(world, rowGroupSize: 1_000);
        string fromCsv = Path.Combine(world, "csv.db"), fromParquet = Path.Combine(world, "parquet.db");
        Ok("import", "--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv"), "--store", fromCsv);
        Ok("import", "--follows", follows, "--interactions", interactions, "--store", fromParquet);
        // The stores hold the same graph: their neo4j-admin exports are byte-identical.
        Ok("export-neo4j", "--store", fromCsv, "--out", Path.Combine(world, "x-csv"));
        Ok("export-neo4j", "--store", fromParquet, "--out", Path.Combine(world, "x-parquet"));
        foreach (string file in new[] { "accounts.csv", "follows.csv", "interactions.csv" })
            Assert.True(File.ReadAllBytes(Path.Combine(world, "x-csv", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(world, "x-parquet", file))),
                $"{file} differs between the store fed CSV and the store fed Parquet");
        Assert.True((await ImportAndStoreTests.StatsAsync(fromParquet)).ActiveFollows > 1000);
    }

    [Fact]
    public async Task Import_of_a_damaged_or_bad_parquet_file_stores_nothing_in_either_mode_and_names_the_place()
    {
        string world = DemoWorld(seed: 26);
        var (follows, _) = await ToParquetAsync(world, rowGroupSize: 500);
        string store = Path.Combine(world, "store.db");
        byte[] bytes = File.ReadAllBytes(follows);

        string truncated = Path.Combine(world, "truncated.parquet");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length * 2 / 3)]);
        CliResult cut = Run("import", "--follows", truncated, "--store", store);
        Assert.True(cut.ExitCode == 1, cut.ToString());
        Assert.Contains($"{truncated}: not a readable Parquet file (truncated, or its footer is damaged)", cut.Stderr);

        // Pages of the last row group overwritten (footer intact): strict and skip mode alike store nothing.
        string damaged = Path.Combine(world, "damaged.parquet");
        byte[] copy = (byte[])bytes.Clone();
        int footer = BitConverter.ToInt32(bytes, bytes.Length - 8) + 8;
        Array.Fill(copy, (byte)0xFF, bytes.Length - footer - 300, 200);
        File.WriteAllBytes(damaged, copy);
        foreach (string[] mode in new[] { Array.Empty<string>(), ["--skip-invalid"] })
        {
            CliResult result = Run(["import", "--follows", damaged, "--store", store, .. mode]);
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Matches(@"damaged\.parquet: row \d+ \(row group \d+, row 1 of the group\): column '\w+': corrupt or unreadable data in row group \d+ of \d+", result.Stderr);
        }
        Assert.Equal(0, (await ImportAndStoreTests.StatsAsync(store)).ActiveFollows);
    }

    [SkippableFact]
    public async Task Export_neo4j_writes_the_csv_export_as_typed_parquet_an_independent_reader_reads()
    {
        IndependentParquet.Require();
        string world = DemoWorld(seed: 27);
        string[] files = ["--follows", Path.Combine(world, "follows.csv"), "--interactions", Path.Combine(world, "interactions.csv")];
        Ok(["export-neo4j", .. files, "--out", Path.Combine(world, "csv")]);
        CliResult result = Ok(["export-neo4j", .. files, "--out", Path.Combine(world, "pq"), "--output-format", "parquet"]);
        Assert.Contains("--input-type=parquet", result.Stdout);
        await Task.CompletedTask;
        foreach (string table in new[] { "accounts", "follows", "interactions" })
        {
            string[] csv = Lines(Path.Combine(world, "csv", table + ".csv"));
            var parquet = IndependentParquet.Read(Path.Combine(world, "pq", table + ".parquet"));
            string[] header = csv[0].Split(',');
            var columns = parquet["columns"]!.AsArray();
            Assert.Equal(header, columns.Select(c => (string)c!["name"]!));
            // Typed by the header's suffix.
            foreach (var column in columns)
            {
                string name = (string)column!["name"]!;
                string expected = name.EndsWith(":long", StringComparison.Ordinal) ? "INT64" : name.EndsWith(":double", StringComparison.Ordinal) ? "DOUBLE"
                    : name.EndsWith(":boolean", StringComparison.Ordinal) ? "BOOLEAN" : "BYTE_ARRAY";
                Assert.Equal(expected, (string)column["type"]!);
            }
            var rows = parquet["rows"]!.AsArray();
            Assert.Equal(csv.Length - 1, rows.Count);
            // Every cell as the CSV spells it (empty for null; the demo ids need no quoting).
            for (int r = 0; r < rows.Count; r += 37)
            {
                string[] cells = csv[r + 1].Split(',');
                for (int c = 0; c < header.Length; c++)
                {
                    var value = rows[r]![header[c]];
                    string text = value is null ? "" : value.GetValueKind() switch
                    {
                        System.Text.Json.JsonValueKind.True => "true",
                        System.Text.Json.JsonValueKind.Number => value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
                        _ => (string)value!,
                    };
                    Assert.True(cells[c] == text, $"{table} row {r + 1} column {header[c]}: csv '{cells[c]}', parquet '{text}'");
                }
            }
        }
    }
}
