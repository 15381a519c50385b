namespace Influence.Cli;

/// <summary>Where a command writes: results to <see cref="Output"/> (stdout), progress and errors to <see cref="Error"/> (stderr).</summary>
/// <param name="Interactive">Draw Spectre progress bars on <see cref="Error"/>; otherwise plain progress lines.</param>
public sealed record CliContext(TextWriter Output, TextWriter Error, bool Interactive, CancellationToken CancellationToken);

/// <summary>Process exit codes of the <c>influence</c> tool.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>Bad input: a malformed file (message names file, line, field, reason), a missing file, an empty input, an unknown account, an unreachable or unreadable store.</summary>
    public const int BadInput = 1;
    /// <summary>Usage error: unknown command or option, missing or invalid option value.</summary>
    public const int Usage = 2;
    /// <summary>
    /// Out of memory: the run needed more memory than the process could get (machine, container or GC heap limit).
    /// Not a bug and not bad input; the message points at <c>influence estimate</c> and <c>--memory-limit</c>.
    /// </summary>
    public const int OutOfMemory = 3;
    /// <summary>Internal error: a bug (one line on stderr, never a stack trace).</summary>
    public const int Internal = 70;
    /// <summary>Cancelled with Ctrl+C.</summary>
    public const int Cancelled = 130;
}

/// <summary>A problem with what the user handed in (not a bug): printed as one line, exit code 1.</summary>
public sealed class CliInputException(string message, Exception? inner = null) : Exception(message, inner);
