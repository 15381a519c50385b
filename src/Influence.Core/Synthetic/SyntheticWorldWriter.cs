using System.Globalization;
using Influence.Core.Model;

namespace Influence.Core.Synthetic;

/// <summary>
/// Writes a synthetic world as the CSV files the importers read:
/// <c>follows.csv</c> (<c>source,target,since</c>), <c>interactions.csv</c>
/// (<c>source,target,kind,timestamp,weight,stance</c>; stance empty when unknown) and
/// <c>truth.csv</c> (<c>kind,account,target,value</c>, see <see cref="TruthRecord"/>).
/// Writers are handed in (no file I/O here); rows are formatted without per-row allocations beyond the writer's.
/// </summary>
public static class SyntheticWorldWriter
{
    public const string FollowsHeader = "source,target,since";
    public const string InteractionsHeader = "source,target,kind,timestamp,weight,stance";
    public const string TruthHeader = "kind,account,target,value";

    /// <summary>Writes <c>follows.csv</c>: header <see cref="FollowsHeader"/>, one row per follow (since in Unix seconds).</summary>
    public static void WriteFollows(SyntheticWorld world, TextWriter writer)
    {
        WriteHeader(world, writer, FollowsHeader);
        Span<char> number = stackalloc char[24];
        for (int i = 0; i < world.FollowCount; i++)
        {
            Cell(writer, world.Ids[world.FollowSource[i]]);
            Cell(writer, world.Ids[world.FollowTarget[i]]);
            WriteLong(writer, world.FollowSince(i), number);
            writer.Write('\n');
        }
    }

    /// <summary>Writes <c>interactions.csv</c>: header <see cref="InteractionsHeader"/>, one row per interaction; empty timestamp/stance when unknown.</summary>
    public static void WriteInteractions(SyntheticWorld world, TextWriter writer)
    {
        WriteHeader(world, writer, InteractionsHeader);
        Span<char> number = stackalloc char[32];
        InteractionLog log = world.Interactions;
        for (int i = 0; i < log.Count; i++)
        {
            Cell(writer, world.Ids[log.Source[i]]);
            Cell(writer, world.Ids[log.Target[i]]);
            Cell(writer, InteractionKinds.Name(log.Kind[i]));
            if (log.Timestamp[i] != InteractionLog.NoTimestamp) WriteLong(writer, log.Timestamp[i], number);
            writer.Write(',');
            WriteDouble(writer, log.Weight[i], number, "0.######");
            writer.Write(',');
            if (!double.IsNaN(log.Stance[i])) WriteDouble(writer, log.Stance[i], number, "0.###");
            writer.Write('\n');
        }
    }

    /// <summary>Writes <c>truth.csv</c>: header <see cref="TruthHeader"/>, rows of <see cref="SyntheticWorld.TruthRecords"/>.</summary>
    public static void WriteTruth(SyntheticWorld world, TextWriter writer)
    {
        WriteHeader(world, writer, TruthHeader);
        foreach (TruthRecord r in world.TruthRecords())
        {
            Cell(writer, r.Kind);
            Cell(writer, r.Account);
            Cell(writer, r.Target);
            writer.Write(r.Value);
            writer.Write('\n');
        }
    }

    private static void WriteHeader(SyntheticWorld world, TextWriter writer, string header)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(header);
        writer.Write('\n');
    }

    /// <summary>A cell and the comma after it.</summary>
    private static void Cell(TextWriter writer, string? value)
    {
        writer.Write(value);
        writer.Write(',');
    }

    private static void WriteLong(TextWriter writer, long value, Span<char> buffer)
    {
        value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    private static void WriteDouble(TextWriter writer, double value, Span<char> buffer, string format)
    {
        value.TryFormat(buffer, out int written, format, CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }
}
