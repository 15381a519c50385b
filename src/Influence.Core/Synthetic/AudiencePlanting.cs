using System.Globalization;
using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.Synthetic;

/// <summary>
/// What <see cref="AudiencePlanting"/> plants on a generated world: follower purchases and organic viral spikes, each with
/// the settings that make one purchase unlike another (size, delivery, shared followees, mass following, a little fake
/// activity) so the audience rules are judged on more than one kind of purchase.
/// </summary>
public sealed record AudiencePlantConfig
{
    public int Seed { get; init; } = 1;
    /// <summary>Accounts that buy followers. Default 6.</summary>
    public int Purchases { get; init; } = 6;
    /// <summary>Bought followers per purchase as a multiple of the buyer's followers (at least <see cref="MinFakes"/>). Default 0.4–1.5.</summary>
    public double SizeMin { get; init; } = 0.4;
    public double SizeMax { get; init; } = 1.5;
    public int MinFakes { get; init; } = 20;
    /// <summary>Days over which a purchase is delivered. Default 1–4.</summary>
    public int DeliveryDaysMin { get; init; } = 1;
    public int DeliveryDaysMax { get; init; } = 4;
    /// <summary>Other accounts a purchase's fakes also follow (to look real). Default 5–30.</summary>
    public int SharedMin { get; init; } = 5;
    public int SharedMax { get; init; } = 30;
    /// <summary>Chance that a fake follows each shared account. Default 0.5–0.9.</summary>
    public double SharedFollowMin { get; init; } = 0.5;
    public double SharedFollowMax { get; init; } = 0.9;
    /// <summary>Share of purchases whose fakes also follow hundreds of random accounts (mass followers). Default 0.5.</summary>
    public double MassFollowingPurchaseShare { get; init; } = 0.5;
    /// <summary>Share of fakes that give one like somewhere (a fake farm's cover). Default 0–0.15.</summary>
    public double ActiveFakeShareMax { get; init; } = 0.15;
    /// <summary>Accounts with an organic viral spike. Default 6.</summary>
    public int ViralSpikes { get; init; } = 6;
    /// <summary>Viral cohort as a multiple of the account's followers (at least <see cref="MinFakes"/>). Default 0.4–1.5.</summary>
    public double ViralSizeMin { get; init; } = 0.4;
    public double ViralSizeMax { get; init; } = 1.5;
    /// <summary>Days over which the viral cohort arrives. Default 1–3.</summary>
    public int ViralDaysMax { get; init; } = 3;
    /// <summary>Share of the viral cohort that engages with the account. Default 0.7–1.</summary>
    public double ViralEngageMin { get; init; } = 0.7;
    /// <summary>Accounts the viral cohort also discovers (followed by half of it the same days). Default 0–3.</summary>
    public int ViralCoFollowsMax { get; init; } = 3;

    /// <summary>Settings drawn for member <paramref name="index"/> of a family, so no two worlds carry the same kind of purchase.</summary>
    public static AudiencePlantConfig ForFamilyMember(int index, int seedOffset = 0)
    {
        var rng = new FastRandom(0xA0D1E7CEUL + (ulong)index * 7919 + (ulong)seedOffset);
        double size = 0.3 + 0.4 * rng.NextDouble();
        int delivery = rng.Between(1, 5);
        int shared = rng.Between(5, 20);
        double follow = 0.5 + 0.3 * rng.NextDouble();
        return new AudiencePlantConfig
        {
            Seed = 1000 + index + seedOffset,
            Purchases = rng.Between(4, 10),
            SizeMin = size,
            SizeMax = size + 0.5 + rng.NextDouble(),
            DeliveryDaysMin = delivery,
            DeliveryDaysMax = delivery + rng.Next(3),
            SharedMin = shared,
            SharedMax = shared + rng.Between(0, 20),
            SharedFollowMin = follow,
            SharedFollowMax = Math.Min(0.95, follow + 0.2),
            MassFollowingPurchaseShare = rng.Next(3) * 0.5,
            ActiveFakeShareMax = 0.2 * rng.NextDouble(),
            ViralSpikes = rng.Between(4, 10),
            ViralSizeMin = 0.3 + 0.4 * rng.NextDouble(),
            ViralSizeMax = 1 + rng.NextDouble(),
            ViralDaysMax = rng.Between(1, 4),
            ViralEngageMin = 0.6 + 0.3 * rng.NextDouble(),
            ViralCoFollowsMax = rng.Next(6),
        };
    }
}

/// <summary>
/// Plants follower purchases (cohorts of new, inactive accounts that follow the buyer and many of the same other accounts
/// within days) and organic viral spikes (existing accounts that follow one account within days and engage with it) on a
/// world of either generator, with the truth in <see cref="SyntheticWorld.Traits"/>: bought followers
/// (<see cref="AccountTraits.BoughtFollower"/>), buyers (<see cref="AccountTraits.FollowerBuyer"/>), every account a cohort
/// followed (<see cref="AccountTraits.BoughtFollowersTarget"/>) and viral-spike accounts (<see cref="AccountTraits.ViralSpikeTarget"/>).
/// </summary>
public static class AudiencePlanting
{
    private const int Day = 86_400;

    public static SyntheticWorld Plant(SyntheticWorld world, AudiencePlantConfig config)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(config);
        var p = new Planter(world, config);
        p.PlantPurchases();
        p.PlantViralSpikes();
        return p.Finish();
    }

    private sealed class Planter
    {
        private readonly SyntheticWorld _w;
        private readonly AudiencePlantConfig _c;
        private FastRandom _rng;
        private readonly int _n;
        private readonly long _start, _end;
        private readonly HashSet<long> _edges = new();
        private readonly int[] _followers;
        private readonly List<(int Source, int Target, long Since)> _added = new();
        private readonly List<AccountTraits> _newTraits = new();
        private readonly List<int> _newCommunity = new();
        private readonly AccountTraits[] _traits;
        private readonly InteractionLog _log;
        private readonly bool[] _taken;

        public Planter(SyntheticWorld world, AudiencePlantConfig config)
        {
            _w = world;
            _c = config;
            _rng = new FastRandom((ulong)(uint)config.Seed * 0xD1B54A32D192ED03UL + 0xAD1E);
            _n = world.AccountCount;
            _start = world.Config.StartUnixSeconds;
            _end = _start + (long)world.Config.Days * Day;
            _followers = new int[_n];
            for (int i = 0; i < world.FollowCount; i++)
            {
                _edges.Add(Key(world.FollowSource[i], world.FollowTarget[i]));
                _followers[world.FollowTarget[i]]++;
            }
            _traits = (AccountTraits[])world.Traits.Clone();
            _taken = new bool[_n];
            _log = new InteractionLog(world.Interactions.Count + 1024);
            InteractionLog source = world.Interactions;
            for (int i = 0; i < source.Count; i++)
                _log.Add(source.Source[i], source.Target[i], source.Kind[i], source.Timestamp[i], source.Weight[i], source.Stance[i]);
        }

        private static long Key(int u, int v) => ((long)u << 32) | (uint)v;

        private void Follow(int u, int v, long since)
        {
            if (u != v && _edges.Add(Key(u, v))) _added.Add((u, v, since));
        }

        private bool IsOrdinary(int v) => (_w.Traits[v] & (AccountTraits.Bot | AccountTraits.BoughtFollower)) == 0 && _w.Personas[v] != Persona.Celebrity;

        /// <summary>An ordinary account with 5–400 followers not used by another plant (buyers and viral accounts are alike in size).</summary>
        private int PickTarget()
        {
            for (int attempt = 0; attempt < 5000; attempt++)
            {
                int v = _rng.Next(_n);
                if (_taken[v] || !IsOrdinary(v) || (_traits[v] & AccountTraits.BoughtFollowersTarget) != 0 || _followers[v] < 5 || _followers[v] > 400) continue;
                _taken[v] = true;
                return v;
            }
            return -1;
        }

        private long DayIn(long from, long to) => from + _rng.Next((int)Math.Max(1, (to - from) / Day)) * (long)Day;

        public void PlantPurchases()
        {
            for (int p = 0; p < _c.Purchases; p++)
            {
                int buyer = PickTarget();
                if (buyer < 0) return;
                _traits[buyer] |= AccountTraits.FollowerBuyer | AccountTraits.BoughtFollowersTarget;
                double size = _c.SizeMin + (_c.SizeMax - _c.SizeMin) * _rng.NextDouble();
                int fakes = Math.Max(_c.MinFakes, (int)Math.Round(size * _followers[buyer]));
                var shared = new int[_rng.Between(_c.SharedMin, _c.SharedMax)];
                for (int i = 0; i < shared.Length; i++)
                {
                    do shared[i] = _rng.Next(_n); while (!IsOrdinary(shared[i]) || shared[i] == buyer);
                    _traits[shared[i]] |= AccountTraits.BoughtFollowersTarget;
                }
                double sharedFollow = _c.SharedFollowMin + (_c.SharedFollowMax - _c.SharedFollowMin) * _rng.NextDouble();
                bool mass = _rng.Chance(_c.MassFollowingPurchaseShare);
                double activeShare = _c.ActiveFakeShareMax * _rng.NextDouble();
                int delivery = _rng.Between(_c.DeliveryDaysMin, _c.DeliveryDaysMax);
                long day0 = DayIn(_start - 400L * Day, _end - (delivery + 1L) * Day);
                for (int f = 0; f < fakes; f++)
                {
                    int fake = NewAccount(AccountTraits.BoughtFollower, _w.TrueCommunity[buyer]);
                    long Time() => day0 + _rng.Next(delivery * Day);
                    Follow(fake, buyer, Time());
                    foreach (int s in shared) if (_rng.Chance(sharedFollow)) Follow(fake, s, Time());
                    // Mass following goes on over the fake's first months (camouflage), not in the delivery days; at most a
                    // tenth of a small world (following a third of all accounts is not camouflage but the whole world).
                    if (mass) for (int k = Math.Min(_rng.Between(250, 450), _n / 10); k > 0; k--) Follow(fake, _rng.Next(_n), day0 + _rng.Next(120 * Day));
                    if (_rng.Chance(activeShare)) _log.Add(fake, _rng.Next(_n), InteractionKind.Like, _start + _rng.Next((int)(_end - _start)));
                }
            }
        }

        public void PlantViralSpikes()
        {
            for (int p = 0; p < _c.ViralSpikes; p++)
            {
                int target = PickTarget();
                if (target < 0) return;
                _traits[target] |= AccountTraits.ViralSpikeTarget;
                double size = _c.ViralSizeMin + (_c.ViralSizeMax - _c.ViralSizeMin) * _rng.NextDouble();
                int cohort = Math.Max(_c.MinFakes, (int)Math.Round(size * _followers[target]));
                int days = _rng.Between(1, _c.ViralDaysMax);
                long day0 = DayIn(_start - 300L * Day, _end - (days + 1L) * Day);
                double engage = _c.ViralEngageMin + (1 - _c.ViralEngageMin) * _rng.NextDouble();
                var coFollows = new int[_rng.Next(_c.ViralCoFollowsMax + 1)];
                for (int i = 0; i < coFollows.Length; i++) do coFollows[i] = _rng.Next(_n); while (!IsOrdinary(coFollows[i]));
                for (int added = 0, attempt = 0; added < cohort && attempt < cohort * 50; attempt++)
                {
                    int u = _rng.Next(_n);
                    if (u == target || !IsOrdinary(u) || _edges.Contains(Key(u, target))) continue;
                    long at = day0 + _rng.Next(days * Day);
                    Follow(u, target, at);
                    foreach (int c in coFollows) if (_rng.Chance(0.5)) Follow(u, c, at + _rng.Next(Day));
                    if (_rng.Chance(engage))
                    {
                        long window = _end - Math.Max(_start, at);
                        for (int k = _rng.Between(1, 3); k > 0; k--)
                            _log.Add(u, target, k == 1 ? InteractionKind.Like : InteractionKind.Reply,
                                Math.Max(_start, at) + (window > 0 ? _rng.Next((int)Math.Min(int.MaxValue, window)) : 0));
                    }
                    added++;
                }
            }
        }

        private int NewAccount(AccountTraits traits, int community)
        {
            _newTraits.Add(traits);
            _newCommunity.Add(community);
            return _n + _newTraits.Count - 1;
        }

        public SyntheticWorld Finish()
        {
            int total = _n + _newTraits.Count;
            int m = _w.FollowCount + _added.Count;
            var order = new (long Key, long Since)[m];
            for (int i = 0; i < _w.FollowCount; i++) order[i] = (Key(_w.FollowSource[i], _w.FollowTarget[i]), _w.FollowSince(i));
            for (int i = 0; i < _added.Count; i++) order[_w.FollowCount + i] = (Key(_added[i].Source, _added[i].Target), _added[i].Since);
            Array.Sort(order, (a, b) => a.Key.CompareTo(b.Key));
            var src = new int[m];
            var dst = new int[m];
            var since = new long[m];
            for (int i = 0; i < m; i++)
            {
                src[i] = (int)(order[i].Key >> 32);
                dst[i] = (int)(order[i].Key & 0xFFFFFFFF);
                since[i] = order[i].Since;
            }
            var ids = new IdMap(total);
            for (int v = 0; v < _n; v++) ids.GetOrAdd(_w.Ids[v]);
            for (int v = _n; v < total; v++) ids.GetOrAdd(_w.Config.IdPrefix + "fake" + v.ToString(CultureInfo.InvariantCulture));
            var personas = new Persona[total];
            Array.Copy(_w.Personas, personas, _n);
            var communities = new int[total];
            Array.Copy(_w.TrueCommunity, communities, _n);
            var traits = new AccountTraits[total];
            Array.Copy(_traits, traits, _n);
            for (int i = 0; i < _newTraits.Count; i++)
            {
                traits[_n + i] = _newTraits[i];
                communities[_n + i] = _newCommunity[i];
            }
            return new SyntheticWorld(_w.Config with { Accounts = total }, ids, src, dst, _log, personas, communities,
                _w.TrueDefenders, _w.TrueCritics, traits, since, _w.Generator);
        }
    }
}
