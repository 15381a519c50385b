using System.CommandLine;

namespace Influence.Cli.Commands;

/// <summary>What every command builds the same way.</summary>
public static class CommandParts
{
    /// <summary>Adds <paramref name="options"/> to <paramref name="command"/>, in help order.</summary>
    public static void AddOptions(this Command command, params Option[] options)
    {
        foreach (Option option in options) command.Options.Add(option);
    }

    /// <summary>The required <c>--out</c>/<c>-o</c> folder a command writes its files into (<paramref name="description"/> names them).</summary>
    public static Option<string> OutputFolder(string description) =>
        new("--out", "-o") { Description = description, Required = true, HelpName = "dir" };
}
