using System.Globalization;

namespace Influence.Bench;

/// <summary>
/// The one reader of a bench command's options, so every command parses them alike: <c>--name value</c> options and
/// <c>--flag</c>s in any order, numbers in the invariant culture, each value checked against its rule. A command asks
/// for each of its options (with its default), then calls <see cref="Complete"/>: a missing or malformed value, a value
/// outside its rule, or an option the command never asked for is one line on stderr naming the command, the option and
/// what it takes, and the command exits with <see cref="UsageExit"/>.
/// </summary>
/// <example>
/// <code>
/// var options = new BenchOptions("segment", args);
/// int accounts = options.Int("--accounts", 1_000_000, min: 100);
/// bool quick = options.Flag("--quick");
/// if (!options.Complete()) return BenchOptions.UsageExit;
/// </code>
/// </example>
public sealed class BenchOptions(string command, string[] args)
{
    /// <summary>The exit code of a command refused for its options.</summary>
    public const int UsageExit = 2;

    private readonly bool[] _read = new bool[args.Length];
    private readonly List<string> _errors = [];
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    /// <summary>Whether the flag <paramref name="name"/> is given.</summary>
    public bool Flag(string name)
    {
        _asked.Add(name);
        int at = Array.IndexOf(args, name);
        if (at >= 0) _read[at] = true;
        return at >= 0;
    }

    /// <summary>The text after <paramref name="name"/>, or null when the option is not given.</summary>
    public string? Text(string name)
    {
        _asked.Add(name);
        int at = Array.IndexOf(args, name);
        if (at < 0) return null;
        _read[at] = true;
        if (at + 1 >= args.Length)
        {
            _errors.Add($"{name} needs a value");
            return null;
        }
        _read[at + 1] = true;
        return args[at + 1];
    }

    /// <summary>The whole number after <paramref name="name"/> (<paramref name="fallback"/> when not given), within [min, max].</summary>
    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        (int)WholeNumber(name, fallback, min, max, int.MinValue, int.MaxValue);

    /// <summary>The whole number after <paramref name="name"/> (<paramref name="fallback"/> when not given), within [min, max].</summary>
    public long Long(string name, long fallback, long min = long.MinValue, long max = long.MaxValue) =>
        WholeNumber(name, fallback, min, max, long.MinValue, long.MaxValue);

    /// <summary>The whole number after <paramref name="name"/> within [min, max], or null when the option is not given.</summary>
    public int? OptionalInt(string name, int min = int.MinValue, int max = int.MaxValue) =>
        Array.IndexOf(args, name) >= 0 ? Int(name, 0, min, max) : null;

    /// <summary>The whole number after <paramref name="name"/> within [min, max], or null when the option is not given.</summary>
    public long? OptionalLong(string name, long min = long.MinValue, long max = long.MaxValue) =>
        Array.IndexOf(args, name) >= 0 ? Long(name, 0, min, max) : null;

    /// <summary>The number after <paramref name="name"/> (<paramref name="fallback"/> when not given), strictly inside (above, below).</summary>
    public double Double(string name, double fallback, double above = double.NegativeInfinity, double below = double.PositiveInfinity) =>
        Value(name, fallback, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null,
            v => v > above && v < below, (double.IsNegativeInfinity(above), double.IsPositiveInfinity(below)) switch
            {
                (true, true) => "a number",
                (false, true) => $"a number > {above.ToString(CultureInfo.InvariantCulture)}",
                (true, false) => $"a number < {below.ToString(CultureInfo.InvariantCulture)}",
                _ => $"a number in ({above.ToString(CultureInfo.InvariantCulture)}, {below.ToString(CultureInfo.InvariantCulture)})",
            });

    /// <summary>
    /// The value after <paramref name="name"/> read by <paramref name="parse"/> (null: malformed) and kept when
    /// <paramref name="valid"/>; <paramref name="fallback"/> when the option is not given. <paramref name="expected"/>
    /// says what the option takes, for the error line.
    /// </summary>
    public T Value<T>(string name, T fallback, Func<string, T?> parse, Func<T, bool> valid, string expected) where T : struct
    {
        if (Text(name) is not { } text) return fallback;
        if (parse(text) is { } value && valid(value)) return value;
        _errors.Add($"{name} takes {expected}, got '{text}'");
        return fallback;
    }

    /// <summary>Like <see cref="Value{T}"/> for a reference-typed value (a list, a path).</summary>
    public T Parsed<T>(string name, T fallback, Func<string, T?> parse, string expected) where T : class
    {
        if (Text(name) is not { } text) return fallback;
        if (parse(text) is { } value) return value;
        _errors.Add($"{name} takes {expected}, got '{text}'");
        return fallback;
    }

    /// <summary>The text after <paramref name="name"/>, which must be given (<paramref name="what"/> names it in the error).</summary>
    public string RequiredText(string name, string what)
    {
        if (Text(name) is { } text) return text;
        if (Array.IndexOf(args, name) < 0) _errors.Add($"{name} {what} is required");
        return "";
    }

    /// <summary>
    /// True when every argument was asked for and every value is good; otherwise writes the first problem on stderr
    /// (<c>COMMAND: …</c>) and returns false.
    /// </summary>
    public bool Complete()
    {
        for (int i = 0; i < args.Length && _errors.Count == 0; i++)
            if (!_read[i])
                _errors.Add(_asked.Contains(args[i]) ? $"{args[i]} is given twice"
                    : $"unknown option '{args[i]}' (Influence.Bench {command} --help lists its options)");
        if (_errors.Count == 0) return true;
        Console.Error.WriteLine($"{command}: {_errors[0]}.");
        return false;
    }

    /// <summary>A whole number within [min, max]; <paramref name="lowest"/> and <paramref name="highest"/> are the type's own bounds (no rule to state).</summary>
    private long WholeNumber(string name, long fallback, long min, long max, long lowest, long highest) =>
        Value(name, fallback, text => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : null,
            v => v >= Math.Max(min, lowest) && v <= Math.Min(max, highest), (min <= lowest, max >= highest) switch
            {
                (true, true) => "a whole number",
                (false, true) => $"a whole number ≥ {min}",
                (true, false) => $"a whole number ≤ {max}",
                _ => $"a whole number in [{min}, {max}]",
            });
}
