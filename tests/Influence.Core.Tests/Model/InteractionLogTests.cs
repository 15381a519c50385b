using Influence.Core.Model;

namespace Influence.Core.Tests.Model;

public class InteractionLogTests
{
    [Fact]
    public void TrimExcess_keeps_every_row_and_the_log_still_grows()
    {
        var log = new InteractionLog(capacity: 1000);
        for (int i = 0; i < 40; i++) log.Add(i, i + 1, InteractionKind.Reply, 1_700_000_000 + i, 1 + i, i % 2 == 0 ? 0.5 : double.NaN);
        log.TrimExcess();
        Assert.Equal(40, log.Count);
        Assert.Equal(39, log.Source[39]);
        Assert.Equal(1_700_000_039, log.Timestamp[39]);
        Assert.Equal(40.0, log.Weight[39]);
        Assert.Equal(0.5, log.Stance[38]);
        log.Add(7, 8, InteractionKind.Like);
        Assert.Equal(41, log.Count);
        Assert.Equal(InteractionKind.Like, log.Kind[40]);
        Assert.Equal(40, log.Source.Length - 1);
    }
}
