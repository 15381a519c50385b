using Influence.Core.Graph;

namespace Influence.Core.Tests.Graph;

/// <summary>The id map holds canonical numeric ids as numbers and everything else as text: same node ids and texts either way.</summary>
public sealed class IdMapTests
{
    [Fact]
    public void CanonicalNumbersStayNumericAndGiveTheirTextBack()
    {
        var ids = new IdMap();
        Assert.Equal(0, ids.GetOrAdd("42"));
        Assert.Equal(1, ids.GetOrAdd("0".AsSpan()));
        Assert.Equal(2, ids.GetOrAdd("999999999999999999"));   // 18 digits: the largest canonical id
        Assert.Equal(0, ids.GetOrAdd("42".AsSpan()));
        Assert.True(ids.IsNumeric);
        Assert.Equal(["42", "0", "999999999999999999"], ids.Ids);
        Assert.True(ids.TryGetNode("999999999999999999", out int big));
        Assert.Equal(2, big);
        // Another spelling of a known number is another id, and not in the map.
        Assert.False(ids.TryGetNode("042", out _));
        Assert.False(ids.TryGetNode("+42", out _));
        Assert.False(ids.TryGetNode("", out _));
    }

    [Theory]
    [InlineData("007")]
    [InlineData("-7")]
    [InlineData("@alice")]
    [InlineData("1000000000000000000")]   // 19 digits: kept as text
    public void AnIdThatIsNotACanonicalNumberTurnsTheMapIntoTextKeepingEveryNode(string other)
    {
        var ids = new IdMap();
        for (int i = 0; i < 100; i++) Assert.Equal(i, ids.GetOrAdd((i * 7).ToString()));
        IReadOnlyList<string> before = ids.Snapshot(100);
        Assert.Equal(100, ids.GetOrAdd(other.AsSpan()));
        Assert.False(ids.IsNumeric);
        Assert.Equal(other, ids[100]);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(i, ids.GetOrAdd((i * 7).ToString()));
            Assert.True(ids.TryGetNode((i * 7).ToString().AsSpan(), out int node));
            Assert.Equal(i, node);
            Assert.Equal((i * 7).ToString(), ids[i]);
            Assert.Equal(ids[i], before[i]);
        }
        Assert.Equal(101, ids.GetOrAdd("7000"));   // numbers after the switch are text ids like any other
        Assert.Equal(102, ids.Count);
    }

    [Fact]
    public void ManyNumbersSurviveTableGrowthInFirstSeenOrder()
    {
        var ids = new IdMap();
        var random = new Random(5);
        var seen = new List<long>();
        var set = new HashSet<long>();
        for (int i = 0; i < 50_000; i++)
        {
            long value = random.NextInt64(0, 1_000_000_000_000);
            int node = ids.GetOrAdd(value.ToString());
            if (set.Add(value)) { Assert.Equal(seen.Count, node); seen.Add(value); }
            else Assert.Equal(seen.IndexOf(value), node);
        }
        ids.TrimExcess();
        Assert.Equal(seen.Count, ids.Count);
        for (int v = 0; v < seen.Count; v += 97) Assert.Equal(seen[v].ToString(), ids[v]);
        Assert.True(ids.IsNumeric);
    }

    [Fact]
    public void SnapshotDoesNotGrowWithTheMap()
    {
        var ids = new IdMap(2);
        ids.GetOrAdd("1");
        ids.GetOrAdd("2");
        IReadOnlyList<string> snapshot = ids.Snapshot(2), live = ids.Ids;
        for (int i = 3; i < 100; i++) ids.GetOrAdd(i.ToString());
        ids.GetOrAdd("@x");
        Assert.Equal(["1", "2"], snapshot);
        Assert.Equal(100, live.Count);
        Assert.Equal("@x", live[99]);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var ids = new IdMap();
        ids.GetOrAdd("5");
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdMap(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ids[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ids[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ids.Snapshot(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ids.Snapshot(1)[1]);
        Assert.Throws<ArgumentNullException>(() => ids.GetOrAdd((string)null!));
    }
}
