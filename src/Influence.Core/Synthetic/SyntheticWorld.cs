using Influence.Core.Graph;
using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Core.Synthetic;

/// <summary>What an account really is in a synthetic world (finer than <see cref="AccountRole"/>: lurkers are regular accounts that never interact).</summary>
public enum Persona : byte { Regular = 0, Celebrity = 1, MacroInfluencer = 2, MicroInfluencer = 3, Amplifier = 4, Lurker = 5 }

/// <summary>One ground-truth fact of a synthetic world (a row of truth.csv).</summary>
/// <param name="Kind">"role", "community", "defender" or "critic".</param>
/// <param name="Account">The account the fact is about (the defender / critic for those kinds).</param>
/// <param name="Target">Defended / criticised account; null for role and community rows.</param>
/// <param name="Value">Role name (celebrity, …, regular, lurker) or community number; null for defender and critic rows.</param>
public readonly record struct TruthRecord(string Kind, string Account, string? Target, string? Value);

/// <summary>
/// Noise and sub-populations a generator planted on top of the persona (the truth role stays the persona's):
/// bots and bought followers are regular accounts; engaged broadcasters are celebrities; accounts that bought
/// followers (or were followed by a bought cohort) keep their role.
/// </summary>
[Flags]
public enum AccountTraits : byte
{
    None = 0, Bot = 1, BoughtFollower = 2, EngagedBroadcaster = 4, BoughtFollowersTarget = 8,
    /// <summary>The account that paid for a purchase (<see cref="BoughtFollowersTarget"/> also marks the others its cohort followed).</summary>
    FollowerBuyer = 16,
    /// <summary>An account with a planted organic viral spike (a cohort that follows within days and engages).</summary>
    ViralSpikeTarget = 32,
}

/// <summary>
/// A generated world: accounts with communities and personas, the follow edges (columnar), the
/// interaction log and the ground truth (role per account, defender and critic pairs).
/// Memory: 8 bytes per follow, ~33 per interaction, ~60 per account (mostly the id strings).
/// </summary>
public sealed class SyntheticWorld
{
    internal SyntheticWorld(SyntheticWorldConfig config, IdMap ids, int[] followSource, int[] followTarget,
        InteractionLog interactions, Persona[] personas, int[] communities, (int Defender, int Target)[] defenders,
        (int Critic, int Target)[] critics, AccountTraits[]? traits = null, long[]? followSince = null, string generator = "synthetic")
    {
        Config = config;
        Ids = ids;
        FollowSource = followSource;
        FollowTarget = followTarget;
        Interactions = interactions;
        Personas = personas;
        TrueCommunity = communities;
        TrueDefenders = defenders;
        TrueCritics = critics;
        Traits = traits ?? new AccountTraits[ids.Count];
        _followSince = followSince;
        Generator = generator;
    }

    private readonly long[]? _followSince;

    /// <summary>Which generator made the world ("synthetic" or "block-cascade").</summary>
    public string Generator { get; }
    /// <summary>Planted noise per account (bots, bought followers, engaged broadcasters); all None when the generator plants none.</summary>
    public AccountTraits[] Traits { get; }

    public SyntheticWorldConfig Config { get; }
    /// <summary>Dense id i ↔ external id <c>IdPrefix + i</c>.</summary>
    public IdMap Ids { get; }
    public int AccountCount => Ids.Count;
    /// <summary>Follow i: FollowSource[i] follows FollowTarget[i]. Distinct pairs, no self-follows.</summary>
    public int[] FollowSource { get; }
    public int[] FollowTarget { get; }
    public int FollowCount => FollowSource.Length;
    public InteractionLog Interactions { get; }
    public Persona[] Personas { get; }
    public int[] TrueCommunity { get; }
    /// <summary>Planted defender pairs (defender, defended account), sorted.</summary>
    public (int Defender, int Target)[] TrueDefenders { get; }
    /// <summary>Planted critic pairs (critic, criticised account), sorted; empty without stance.</summary>
    public (int Critic, int Target)[] TrueCritics { get; }

    /// <summary>The role the model should find (lurkers are regular).</summary>
    public AccountRole TrueRole(int account) => Personas[account] switch
    {
        Persona.Celebrity => AccountRole.Celebrity,
        Persona.MacroInfluencer => AccountRole.MacroInfluencer,
        Persona.MicroInfluencer => AccountRole.MicroInfluencer,
        Persona.Amplifier => AccountRole.Amplifier,
        _ => AccountRole.Regular,
    };

    /// <summary>When the follow started (Unix seconds): as planted when the generator kept it (bought followers), otherwise before the window, derived from the pair so it needs no storage.</summary>
    public long FollowSince(int index)
    {
        if (_followSince is not null && _followSince[index] != InteractionLog.NoTimestamp) return _followSince[index];
        ulong h = (ulong)(uint)FollowSource[index] * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)FollowTarget[index] * 0xC2B2AE3D27D4EB4FUL ^ (ulong)Config.Seed;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return Config.StartUnixSeconds - 86_400 - (long)(h % (3UL * 365 * 86_400));
    }

    /// <summary>The analysis input: follow graph over <see cref="Ids"/> (with follow times) and the interaction log.</summary>
    public InfluenceInput ToInput()
    {
        var builder = new GraphBuilder(Ids, weighted: false, edgeCapacity: Math.Max(16, FollowCount));
        for (int i = 0; i < FollowSource.Length; i++) builder.AddTimedEdge(FollowSource[i], FollowTarget[i], FollowSince(i));
        return new InfluenceInput(Ids, builder.Build(Ids.Count), Interactions);
    }

    /// <summary>
    /// The analysis input without a random <paramref name="holdOutShare"/> of the follows and of the interactions
    /// (chosen by <paramref name="seed"/>): the world before its newest ties, so a run on it followed by a run on
    /// <see cref="ToInput()"/> is a re-run after ingesting that share of new edges. Every account stays.
    /// </summary>
    public InfluenceInput ToInput(double holdOutShare, int seed)
    {
        if (!(holdOutShare >= 0 && holdOutShare < 1))
            throw new ArgumentOutOfRangeException(nameof(holdOutShare), holdOutShare, "The held-out share must be in [0, 1).");
        var rng = new Random(seed);
        var builder = new GraphBuilder(Ids, weighted: false, edgeCapacity: Math.Max(16, FollowCount));
        for (int i = 0; i < FollowSource.Length; i++)
            if (rng.NextDouble() >= holdOutShare) builder.AddEdge(FollowSource[i], FollowTarget[i]);
        var log = new InteractionLog(Math.Max(16, Interactions.Count));
        for (int i = 0; i < Interactions.Count; i++)
            if (rng.NextDouble() >= holdOutShare)
                log.Add(Interactions.Source[i], Interactions.Target[i], Interactions.Kind[i], Interactions.Timestamp[i],
                    Interactions.Weight[i], Interactions.Stance[i]);
        return new InfluenceInput(Ids, builder.Build(Ids.Count), log);
    }

    /// <summary>Follows as records (created lazily, one at a time).</summary>
    public IEnumerable<FollowRecord> FollowRecords()
    {
        for (int i = 0; i < FollowSource.Length; i++)
            yield return new FollowRecord(Ids[FollowSource[i]], Ids[FollowTarget[i]], FollowSince(i));
    }

    /// <summary>Interactions as records (created lazily, one at a time).</summary>
    public IEnumerable<InteractionRecord> InteractionRecords()
    {
        for (int i = 0; i < Interactions.Count; i++)
        {
            long ts = Interactions.Timestamp[i];
            double stance = Interactions.Stance[i];
            yield return new InteractionRecord(Ids[Interactions.Source[i]], Ids[Interactions.Target[i]], Interactions.Kind[i],
                ts == InteractionLog.NoTimestamp ? null : ts, Interactions.Weight[i], double.IsNaN(stance) ? null : stance);
        }
    }

    /// <summary>Ground truth: a role and a community row per account, then defender and critic rows.</summary>
    public IEnumerable<TruthRecord> TruthRecords()
    {
        for (int v = 0; v < AccountCount; v++)
        {
            string role = Personas[v] == Persona.Lurker ? "lurker" : RoleNames.Name(TrueRole(v));
            yield return new TruthRecord("role", Ids[v], null, role);
        }
        for (int v = 0; v < AccountCount; v++)
            yield return new TruthRecord("community", Ids[v], null, TrueCommunity[v].ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (d, t) in TrueDefenders) yield return new TruthRecord("defender", Ids[d], Ids[t], null);
        foreach (var (c, t) in TrueCritics) yield return new TruthRecord("critic", Ids[c], Ids[t], null);
    }
}
