namespace Influence.QuikGraph.Tests;

public sealed class ReciprocalCoreTests
{
    [Fact]
    public void Core_of_a_group_is_its_largest_strong_component_inside_the_group()
    {
        var input = SmallWorld.Input();
        int[] all = [.. Enumerable.Range(0, input.Ids.Count)];
        ReciprocalCore core = ReciprocalCores.Of(input.Follows, all);
        Assert.Equal(["ana", "ben", "cid"], core.Core.Order(StringComparer.Ordinal));
        Assert.Equal(input.Ids.Count, core.Members);
        Assert.Equal(input.Ids.Count - 2, core.Components); // the trio is one component, everyone else alone

        // Restricted to ana and ben, the pair is the core; cid's arcs do not count.
        int ana = Node(input, "ana"), ben = Node(input, "ben"), star = Node(input, "star");
        ReciprocalCore pair = ReciprocalCores.Of(input.Follows, [ana, ben, star]);
        Assert.Equal(["ana", "ben"], pair.Core.Order(StringComparer.Ordinal));
        Assert.Equal(2.0 / 3, pair.CoreShare, 12);

        Assert.Empty(ReciprocalCores.Of(input.Follows, []).Core);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReciprocalCores.Of(input.Follows, [999]));
    }

    private static int Node(Influence.Core.Model.InfluenceInput input, string id) => input.Ids.TryGetNode(id, out int v) ? v : -1;
}
