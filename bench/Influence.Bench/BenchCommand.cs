namespace Influence.Bench;

/// <summary>
/// One bench command of the table in Program.cs: its name, its options, what it measures and the method that runs it
/// (given the arguments after the name, returning the exit code).
/// </summary>
public sealed record BenchCommand(string Name, string Usage, string Description, Func<string[], Task<int>> Handler)
{
    public BenchCommand(string name, string usage, string description, Func<string[], int> handler)
        : this(name, usage, description, args => Task.FromResult(handler(args))) { }

    /// <summary>
    /// Runs the command named by <paramref name="args"/>[0] with the rest. No command, or an unknown one: the table on
    /// stderr, exit 2. <c>help</c>, <c>--help</c>, <c>-h</c>, or a command followed by <c>--help</c>/<c>-h</c>: the
    /// table (or that command's line) on stdout, exit 0.
    /// </summary>
    public static async Task<int> DispatchAsync(IReadOnlyList<BenchCommand> commands, string[] args)
    {
        string name = args.Length > 0 ? args[0] : "";
        if (name is "help" or "--help" or "-h")
        {
            PrintTable(commands, Console.Out);
            return 0;
        }
        BenchCommand? command = commands.FirstOrDefault(c => c.Name == name);
        if (command is null)
        {
            if (name.Length > 0) Console.Error.WriteLine($"Influence.Bench: unknown command '{name}'.");
            PrintTable(commands, Console.Error);
            return 2;
        }
        string[] rest = args[1..];
        if (rest.Length == 1 && rest[0] is "--help" or "-h")
        {
            Console.WriteLine($"usage: Influence.Bench {command.Name} {command.Usage}".TrimEnd());
            Console.WriteLine($"  {command.Description}");
            return 0;
        }
        return await command.Handler(rest);
    }

    private static void PrintTable(IReadOnlyList<BenchCommand> commands, TextWriter output)
    {
        output.WriteLine("usage: Influence.Bench COMMAND [options]   (COMMAND --help: its options)");
        int width = commands.Max(c => c.Name.Length);
        foreach (BenchCommand c in commands)
        {
            output.WriteLine($"  {c.Name.PadRight(width)}  {c.Description}");
            output.WriteLine($"  {"".PadRight(width)}  {c.Name} {c.Usage}".TrimEnd());
        }
    }
}
