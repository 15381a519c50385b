namespace Influence.Tests.Shared;

/// <summary>
/// How long the crash drills run and on which schedule: <c>INFLUENCE_CRASH_DRILL_ROUNDS</c> (more rounds than
/// CI's short version) and <c>INFLUENCE_CRASH_DRILL_SEED</c> (repeat a schedule; random otherwise, and printed).
/// </summary>
public static class CrashDrillSettings
{
    public static int Rounds(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("INFLUENCE_CRASH_DRILL_ROUNDS"), out int rounds) && rounds > 0 ? rounds : ciDefault;

    public static int Seed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("INFLUENCE_CRASH_DRILL_SEED"), out int seed) ? seed : Environment.TickCount & 0xFFFF;

    /// <summary>The line a drill prints first, so a failing schedule can be repeated.</summary>
    public static string Describe(string drill, int rounds) =>
        $"{drill}, seed {Seed} (INFLUENCE_CRASH_DRILL_SEED), {rounds} rounds (INFLUENCE_CRASH_DRILL_ROUNDS)";
}
