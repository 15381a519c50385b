using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Influence.Cli.Commands;

/// <summary>Shared rendering for the query commands: JSON options and a plain (no colour) Spectre table writer.</summary>
public static class QueryOutput
{
    /// <summary>camelCase, enums as kebab-case strings, an undefined number (e.g. an unknown mean stance) as null.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new NonFiniteAsNull() },
    };

    /// <summary>Renders <paramref name="table"/> as plain text on <paramref name="output"/>.</summary>
    public static void WriteTable(TextWriter output, Table table)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        console.Write(table);
    }
}
