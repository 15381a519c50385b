using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Influence.Cli;

/// <summary>
/// Progress of a long command, by named task (e.g. "read follows.csv", "pagerank_follows"), reported
/// synchronously from the working thread. Two renderings: Spectre progress bars on an interactive
/// stderr, plain lines otherwise (at most one per task per second, plus the final one).
/// </summary>
public abstract class ProgressSink
{
    /// <summary>Sets the percent done (0–100) of <paramref name="task"/>, with an optional detail such as a rate.</summary>
    public abstract void Report(string task, double percent, string? detail = null);

    /// <summary>Marks <paramref name="task"/> done.</summary>
    public void Complete(string task, string? detail = null) => Report(task, 100, detail);

    /// <summary>Runs <paramref name="work"/> with a sink drawing on <see cref="CliContext.Error"/>.</summary>
    public static async Task<T> RunAsync<T>(CliContext context, Func<ProgressSink, Task<T>> work)
    {
        if (!context.Interactive) return await work(new PlainProgressSink(context.Error));
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Error),
            Interactive = InteractionSupport.Yes,
            Ansi = AnsiSupport.Detect,
        });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(ctx => work(new SpectreProgressSink(ctx)));
    }

    /// <summary>Formats a rate like "1.2M rows/s".</summary>
    public static string Rate(long count, TimeSpan elapsed, string unit = "rows")
    {
        double perSecond = elapsed.TotalSeconds > 0 ? count / elapsed.TotalSeconds : 0;
        return $"{Human(count)} {unit}, {Human(perSecond)} {unit}/s";
    }

    /// <summary>1234567 → "1.23M".</summary>
    public static string Human(double value) => value switch
    {
        >= 1e9 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G",
        >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1e4 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private sealed class PlainProgressSink(TextWriter error) : ProgressSink
    {
        private readonly Dictionary<string, (long LastTicks, int LastPercent, string? LastDetail)> _tasks = [];
        private readonly Lock _lock = new();

        public override void Report(string task, double percent, string? detail = null)
        {
            lock (_lock)
            {
                long now = Stopwatch.GetTimestamp();
                bool done = percent >= 100;
                int whole = (int)percent;
                if (_tasks.TryGetValue(task, out var last))
                {
                    // At most one line per task per second, and only when something visible changed.
                    if (last.LastPercent >= 100) return;
                    if (!done && (Stopwatch.GetElapsedTime(last.LastTicks, now) < TimeSpan.FromSeconds(1)
                                  || (whole == last.LastPercent && detail == last.LastDetail))) return;
                }
                _tasks[task] = (now, whole, detail);
                string text = done ? $"{task}: done" : $"{task}: {percent.ToString("0", CultureInfo.InvariantCulture)}%";
                error.WriteLine(detail is null ? text : $"{text} ({detail})");
            }
        }
    }

    private sealed class SpectreProgressSink(ProgressContext context) : ProgressSink
    {
        private readonly Dictionary<string, ProgressTask> _tasks = [];
        private readonly Lock _lock = new();

        public override void Report(string task, double percent, string? detail = null)
        {
            lock (_lock)
            {
                if (!_tasks.TryGetValue(task, out ProgressTask? bar))
                {
                    bar = context.AddTask(Markup.Escape(task), autoStart: true, maxValue: 100);
                    _tasks[task] = bar;
                }
                bar.Value = Math.Clamp(percent, 0, 100);
                bar.Description = Markup.Escape(detail is null ? task : $"{task} ({detail})");
            }
        }
    }
}
