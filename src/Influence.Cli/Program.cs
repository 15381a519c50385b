using Influence.Cli;

// Progress bars only when a person is watching stderr; logs and CI get plain lines.
bool interactive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CliApp.RunAsync(args, Console.Out, Console.Error, interactive, cancel.Token);
