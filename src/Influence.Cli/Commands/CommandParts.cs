using System.CommandLine;
using Influence.Core.Model;

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

    /// <summary>
    /// Sets <paramref name="command"/>'s action to run under one token that fires on Ctrl+C (the parse's token) or
    /// when the caller of <see cref="CliApp.RunAsync"/> cancels (<see cref="CliContext.CancellationToken"/>).
    /// </summary>
    public static void SetAction(this Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
            return await action(parse, linked.Token);
        });

    /// <summary>The <c>--format</c> option: one of <paramref name="formats"/>, the first by default.</summary>
    public static Option<string> FormatOption(string description, params string[] formats)
    {
        string fallback = formats[0];
        var format = new Option<string>("--format") { Description = description, DefaultValueFactory = _ => fallback };
        format.AcceptOnlyFromAmong(formats);
        return format;
    }

    /// <summary>The <c>account</c> argument of the commands about one account.</summary>
    public static Argument<string> AccountArgument() =>
        new("account") { Description = "External id of the account (e.g. @handle or numeric id)." };

    /// <summary>
    /// A repeatable option naming account roles (<c>--role</c>, <c>--exclude-role</c>); a name that is not a role is
    /// refused while parsing, with the roles the model knows.
    /// </summary>
    public static Option<string[]> RoleOption(string name, string description)
    {
        var option = new Option<string[]>(name) { Description = description, AllowMultipleArgumentsPerToken = false };
        option.Validators.Add(result =>
        {
            foreach (string role in result.GetValueOrDefault<string[]>() ?? [])
                if (!RoleNames.TryParseRole(role, out _))
                    result.AddError($"{name}: unknown role '{role}'; roles: {RoleNames.Roles.List}");
        });
        return option;
    }

    /// <summary>The distinct roles given to <paramref name="option"/> (made by <see cref="RoleOption"/>, so every name parses).</summary>
    public static AccountRole[] Roles(this ParseResult parse, Option<string[]> option) =>
        [.. (parse.GetValue(option) ?? []).Select(r => RoleNames.TryParseRole(r, out AccountRole role) ? role : default).Distinct()];
}
