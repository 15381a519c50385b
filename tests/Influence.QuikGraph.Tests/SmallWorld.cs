using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.QuikGraph.Tests;

/// <summary>
/// A hand-drawn world: a star followed one-way by fans, a reciprocal trio (ana, ben, cid) that talks, a bridge (dan)
/// between the trio and the star's fans, and an account (ola) nobody reaches.
/// </summary>
internal static class SmallWorld
{
    public static InfluenceInput Input()
    {
        var ids = new IdMap();
        var b = new GraphBuilder(ids);
        void Follow(string a, string c) => b.AddEdge(ids.GetOrAdd(a), ids.GetOrAdd(c));
        foreach (string fan in new[] { "fan1", "fan2", "fan3" }) Follow(fan, "star");
        Follow("ana", "ben"); Follow("ben", "ana"); Follow("ben", "cid"); Follow("cid", "ben"); Follow("cid", "ana"); Follow("ana", "cid");
        Follow("dan", "ana"); Follow("fan1", "dan");
        ids.GetOrAdd("ola");
        var log = new InteractionLog();
        void Act(string s, string t, InteractionKind k, double w = 1) => log.Add(ids.GetOrAdd(s), ids.GetOrAdd(t), k, weight: w);
        Act("fan1", "star", InteractionKind.Like);
        Act("ben", "ana", InteractionKind.Reply, 3);
        Act("ben", "ana", InteractionKind.Share, 2);
        Act("ana", "ben", InteractionKind.Reply);
        Act("cid", "ana", InteractionKind.Quote);
        Act("dan", "ana", InteractionKind.Share);
        Act("ola", "ola", InteractionKind.Reply);
        return new InfluenceInput(ids, b.Build(ids.Count), log);
    }
}
