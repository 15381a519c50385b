namespace Influence.Core.Graph;

/// <summary>
/// Follow times as the graph keeps them: minutes since the Unix epoch in an <c>int</c> (4 bytes per edge instead of 8;
/// ±4,000 years; a minute is finer than any growth question needs). <see cref="Unknown"/> marks a follow without a time.
/// </summary>
public static class FollowTimes
{
    public const int Unknown = int.MinValue;

    public const int MinutesPerDay = 1440;

    /// <summary>Minutes since the epoch of <paramref name="unixSeconds"/> (floored; clamped inside the int range).</summary>
    public static int ToMinutes(long unixSeconds)
    {
        long minutes = unixSeconds >= 0 ? unixSeconds / 60 : -((-unixSeconds + 59) / 60);
        return (int)Math.Clamp(minutes, int.MinValue + 1, int.MaxValue);
    }

    public static long ToUnixSeconds(int minutes) => minutes * 60L;

    /// <summary>Day number (since the epoch, floored) of a time in minutes.</summary>
    public static int Day(int minutes) => minutes >= 0 ? minutes / MinutesPerDay : -((-minutes + MinutesPerDay - 1) / MinutesPerDay);

    /// <summary>The earlier of two times, a known one over <see cref="Unknown"/>.</summary>
    public static int Earliest(int a, int b) => a == Unknown ? b : b == Unknown ? a : Math.Min(a, b);
}
