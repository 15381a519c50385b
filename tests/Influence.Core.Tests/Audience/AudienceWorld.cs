using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.Tests.Audience;

/// <summary>
/// A hand-built world with follow times: 80 established accounts (old follows, every one engages); T bought 30 followers
/// (new, inactive accounts that follow T and the same 8 others within two days); V had a viral moment (30 established
/// accounts follow it within a day and reply to it). Fake f0 also backs S1 (= e20) over five days and S1 follows it back.
/// </summary>
internal static class AudienceWorld
{
    public const long Day0 = 1_700_006_400; // a UTC midnight
    public const long Day = 86_400;
    public const int Fakes = 30, Viral = 30;

    public static InfluenceInput Build(bool withTimes = true)
    {
        var ids = new IdMap();
        for (int i = 0; i < 80; i++) ids.GetOrAdd($"e{i}");
        int t = ids.GetOrAdd("T"), v = ids.GetOrAdd("V");
        for (int i = 0; i < Fakes; i++) ids.GetOrAdd($"f{i}");
        var b = new GraphBuilder(ids);
        void Follow(int u, int w, long at) => b.AddTimedEdge(u, w, withTimes ? at : null);
        var log = new InteractionLog();
        for (int i = 0; i < 80; i++)
        {
            for (int k = 1; k <= 6; k++) Follow(i, (i * 7 + k * 13) % 80, Day0 - (100 + (i * 31 + k * 17) % 600) * Day);
            log.Add(i, (i + 1) % 80, InteractionKind.Reply, Day0 + Day);
        }
        for (int i = 0; i < 15; i++) Follow(i, t, Day0 - (30L * i + 5) * Day);
        for (int i = 0; i < Fakes; i++)
        {
            int f = ids.GetOrAdd("f" + i);
            long at = Day0 + (i % 2) * Day + i * 60;
            Follow(f, t, at);
            for (int s = 20; s < 28; s++) Follow(f, s, at + 600);
        }
        for (int i = 40; i < 50; i++) Follow(i, v, Day0 - (40L * (i - 40) + 3) * Day);
        for (int i = 50; i < 50 + Viral; i++)
        {
            Follow(i, v, Day0 + 10 * Day + i * 120);
            log.Add(i, v, InteractionKind.Reply, Day0 + 10 * Day + 3600 + i);
        }
        // f0 backs S1 = e20 on five days; e20 follows it back and answers.
        int f0 = ids.GetOrAdd("f0");
        for (int d = 2; d <= 6; d++)
            for (int k = 0; k < 3; k++) log.Add(f0, 20, InteractionKind.Reply, Day0 + d * Day + k * 600, stance: 0.9);
        Follow(20, f0, Day0 + 3 * Day);
        log.Add(20, f0, InteractionKind.Reply, Day0 + 4 * Day);
        return new InfluenceInput(ids, b.Build(ids.Count), log);
    }
}
