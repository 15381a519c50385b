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

    [Fact]
    public void Weight_and_stance_are_stored_from_the_first_row_that_differs_and_read_the_same_either_way()
    {
        var log = new InteractionLog();
        for (int i = 0; i < 100; i++) log.Add(i, i + 1, InteractionKind.Like, i);
        log.Add(1, 2, InteractionKind.Reply, weight: 2.5);
        log.Add(2, 3, InteractionKind.Reply, stance: -0.5);
        log.Add(3, 4, InteractionKind.Reply);
        for (int i = 0; i < 300; i++) log.Add(i, i + 2, InteractionKind.Share);   // grows the stored columns too
        log.TrimExcess();
        Assert.Equal(403, log.Count);
        Assert.Equal(1.0, log.Weight[0]);
        Assert.Equal(2.5, log.Weight[100]);
        Assert.Equal(1.0, log.Weight[101]);
        Assert.Equal(1.0, log.Weight[402]);
        Assert.True(double.IsNaN(log.Stance[0]));
        Assert.True(double.IsNaN(log.Stance[100]));
        Assert.Equal(-0.5, log.Stance[101]);
        Assert.True(double.IsNaN(log.Stance[402]));
        Assert.True(log.HasStance);
    }

    [Fact]
    public void Reading_a_column_that_was_never_stored_spells_it_out_once()
    {
        var log = new InteractionLog();
        log.Add(0, 1, InteractionKind.Mention);
        log.Add(1, 0, InteractionKind.Mention, 5);
        Assert.Equal([1.0, 1.0], log.Weight.ToArray());
        Assert.All(log.Stance.ToArray(), s => Assert.True(double.IsNaN(s)));
        Assert.False(log.HasStance);
        for (int i = 0; i < 40; i++) log.Add(2, 0, InteractionKind.Like, weight: 3);   // a spelled-out column keeps growing like a stored one
        Assert.Equal([1.0, 1.0, .. Enumerable.Repeat(3.0, 40)], log.Weight.ToArray());
        Assert.All(log.Stance.ToArray(), s => Assert.True(double.IsNaN(s)));
    }
}
