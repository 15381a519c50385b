using Influence.Core.Model;
using Influence.Core.Synthetic;

namespace Influence.Core.Tests.Model;

/// <summary>
/// The reasons' numbers (<see cref="Fmt"/>) are formatted without .NET's custom-format machinery; the texts must stay
/// byte for byte what the .NET formats give (<see cref="Figure.Reference"/>), which the API, accounts.csv and
/// accounts.parquet share.
/// </summary>
public sealed class FigureTests
{
    private static readonly FigureStyle[] s_styles = Enum.GetValues<FigureStyle>();

    /// <summary>Values of every kind the metrics take, and the ones that trip formatting: ties, their neighbours, huge, tiny, negative, special.</summary>
    private static IEnumerable<double> Values()
    {
        var random = new Random(17);
        for (int i = 0; i < 150_000; i++)
        {
            yield return random.NextDouble();
            yield return Math.Pow(10, random.NextDouble() * 40 - 22); // 1e-22 .. 1e18
            yield return random.Next(0, 5_000_000);
            // Decimal ties at 0-4 places (0.0005, 12.345, 999.995, 1234.5: most are not exact in binary) and their neighbours.
            double tie = (random.Next(0, 2_000_000) + 0.5) / Math.Pow(10, random.Next(0, 5));
            yield return tie;
            yield return Math.BitIncrement(tie);
            yield return Math.BitDecrement(tie);
            yield return -random.NextDouble() * 1000;
        }
        foreach (double special in new[]
                 {
                     0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, double.MinValue,
                     0.5, 1.5, 2.5, 999.995, 999.9949999999999, 1000, 999.999, 1e15, 1e15 - 1, 1e15 + 2, 1e16, 123456789012345.67, 0.0005, 0.00049999,
                     -0.0001, -0.4, 1e-300, 4503599627370495.5, 0.99999999999999989, 9.9999999999999995e-8,
                 })
            yield return special;
    }

    [Fact]
    public void Every_style_gives_the_dotnet_format_text_for_ordinary_and_awkward_values()
    {
        long fast = 0, total = 0;
        Span<char> buffer = stackalloc char[64];
        foreach (double v in Values())
        {
            foreach (FigureStyle style in s_styles)
            {
                var figure = new Figure(v, style);
                string expected = figure.Reference();
                Assert.True(expected == figure.ToString(), $"{style} of {v:R}: '{figure}' where .NET gives '{expected}'");
                Assert.Equal(expected, $"{figure}");
                total++;
                if (figure.TryFast(buffer, out _)) fast++;
            }
        }
        // The fast path must carry the load (else the reasons stay slow): nearly every value outside ties and specials.
        Assert.True(fast > total * 0.75, $"fast path took {fast:N0} of {total:N0}");
    }

    [Fact]
    public void A_short_destination_is_refused_not_overrun_and_interpolation_grows_past_it()
    {
        var figure = Fmt.Count(1_234_567_890_123);
        Assert.False(figure.TryFormat(new char[5], out int written, default, null));
        Assert.Equal(0, written);
        Assert.Equal("1,234,567,890,123", $"{figure}");
    }

    [Fact]
    public void The_reasons_of_a_generated_world_are_the_texts_of_the_dotnet_formats()
    {
        var world = SyntheticWorldGenerator.Generate(new SyntheticWorldConfig { Accounts = 1500, Seed = 5 });
        InfluenceAnalysisResult result = InfluenceAnalyzer.Run(world.ToInput());
        string[] fast = [.. result.Accounts.Select(a => ResultTables.Reasons(a, result.Thresholds))];
        string[] reference;
        Figure.t_referenceOnly = true;
        try
        {
            reference = [.. result.Accounts.Select(a => ResultTables.Reasons(a, result.Thresholds))];
        }
        finally
        {
            Figure.t_referenceOnly = false;
        }
        Assert.True(fast.Sum(t => (long)t.Length) > 1500 * 500, "the world's accounts have reasons to compare");
        for (int i = 0; i < fast.Length; i++) Assert.Equal(reference[i], fast[i]);
    }
}
