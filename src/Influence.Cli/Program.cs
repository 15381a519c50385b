using Influence.Cli;

// A failure on a thread no command awaits still ends as one line and its exit code (70 for a bug, 3 for out of memory), never a stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    var (code, message) = e.ExceptionObject is Exception ex ? CliApp.ToExitCode(ex) : (ExitCodes.Internal, "internal error");
    Console.Error.WriteLine($"error: {CliApp.OneLine(message)}");
    Console.Error.Flush();
    Environment.Exit(code == ExitCodes.Ok ? ExitCodes.Internal : code);
};

// Progress bars only when a person is watching stderr; logs and CI get plain lines.
bool interactive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CliApp.RunAsync(args, Console.Out, Console.Error, interactive, cancel.Token);
