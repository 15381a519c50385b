using System.CommandLine;

namespace Influence.Cli.Commands;

/// <summary>How result tables are written: CSV text (the default) or typed Parquet columns.</summary>
public enum OutputFormat { Csv, Parquet }

/// <summary>The <c>--output-format csv|parquet</c> option of the commands that write tables.</summary>
public sealed class OutputFormatOption
{
    public Option<string> Option { get; } = new("--output-format")
    {
        Description = "Table files as csv (default) or parquet (typed columns for pandas, DuckDB, Spark; same column names).",
        DefaultValueFactory = _ => "csv",
        HelpName = "csv|parquet",
    };

    public OutputFormatOption() => Option.AcceptOnlyFromAmong("csv", "parquet");

    public void AddTo(Command command) => command.Options.Add(Option);

    public OutputFormat Value(ParseResult parse) => parse.GetValue(Option) == "parquet" ? OutputFormat.Parquet : OutputFormat.Csv;

    /// <summary>The file name of table <paramref name="table"/> in <paramref name="format"/> (e.g. <c>accounts.parquet</c>).</summary>
    public static string FileName(string table, OutputFormat format) => table + (format == OutputFormat.Parquet ? ".parquet" : ".csv");
}
