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

    /// <summary><c>--no-reasons</c>: <c>accounts.parquet</c> without the reasons prose (analyze only).</summary>
    public Option<bool> NoReasons { get; } = new("--no-reasons")
    {
        Description = "With --output-format parquet: leave the reasons prose out of accounts.parquet (≈1.3 KB per account, most of the " +
                      "writing time; the typed columns stay; accounts.csv and the API's account profile give the reasons).",
    };

    public OutputFormatOption() => Option.AcceptOnlyFromAmong("csv", "parquet");

    public void AddTo(Command command) => command.Options.Add(Option);

    /// <summary>Adds the format option and <see cref="NoReasons"/> (refused without Parquet).</summary>
    public void AddWithReasonsTo(Command command)
    {
        AddTo(command);
        command.Options.Add(NoReasons);
        command.Validators.Add(result =>
        {
            if (result.GetValue(NoReasons) && result.GetValue(Option) != "parquet") result.AddError("--no-reasons applies to --output-format parquet.");
        });
    }

    /// <summary>Whether the accounts table carries the reasons column.</summary>
    public bool Reasons(ParseResult parse) => !parse.GetValue(NoReasons);

    public OutputFormat Value(ParseResult parse) => parse.GetValue(Option) == "parquet" ? OutputFormat.Parquet : OutputFormat.Csv;

    /// <summary>The file name of table <paramref name="table"/> in <paramref name="format"/> (e.g. <c>accounts.parquet</c>).</summary>
    public static string FileName(string table, OutputFormat format) => table + (format == OutputFormat.Parquet ? ".parquet" : ".csv");
}
