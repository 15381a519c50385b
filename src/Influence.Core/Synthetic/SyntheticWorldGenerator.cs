using System.Globalization;
using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.Synthetic;

/// <summary>
/// Seeded generator of a social network in which popularity and influence are planted apart, with the
/// truth kept: communities; one-way celebrities; macro- and micro-influencers; amplifiers; lurkers;
/// defender groups (repeated supportive interactions over several days, followed back); critics
/// (negative stance); and random noise. See docs/model.md ("Synthetic world").
/// </summary>
/// <remarks>
/// One pass over accounts draws each account's follows and, per follow, its engagement (a follower
/// engages with what it follows); influencers answer part of it. Defender groups and critics are
/// planted afterwards. O(accounts + follows + interactions) time; arrays only, no object per edge.
/// </remarks>
public static class SyntheticWorldGenerator
{
    private const int Day = 86_400;

    /// <summary>Generates a world; same config (and seed), same world.</summary>
    /// <exception cref="ArgumentException">Invalid <paramref name="config"/> (the message names the field).</exception>
    public static SyntheticWorld Generate(SyntheticWorldConfig? config = null, CancellationToken cancellationToken = default)
    {
        config ??= new SyntheticWorldConfig();
        config.Validate();
        var g = new State(config);
        g.AssignCommunitiesAndPersonas();
        g.DrawFollowsAndEngagement(cancellationToken);
        g.PlantDefendersAndCritics();
        g.AddNoise();
        return g.Finish();
    }

    private sealed class State
    {
        private readonly SyntheticWorldConfig _c;
        private readonly int _n, _communities;
        private FastRandom _rng;
        private readonly Persona[] _persona;
        private readonly int[] _community;
        private readonly int[] _communityStart; // accounts of community c are [start[c], start[c+1])
        private int[][] _microsIn = [], _macrosIn = [];
        private int[] _celebs = [], _macros = [], _micros = [];
        private double[] _celebCumulative = [], _macroCumulative = [];
        private double[] _popularity = [];
        private readonly Buffer _followSrc = new(), _followDst = new();
        private readonly InteractionLog _log;
        private readonly List<(int, int)> _defenders = new(), _critics = new();
        private readonly int[] _picked = new int[64];
        private int[] _allDays = [];

        public State(SyntheticWorldConfig c)
        {
            _c = c;
            _n = c.Accounts;
            _communities = c.ResolvedCommunities;
            _rng = new FastRandom((ulong)(uint)c.Seed * 0x2545F4914F6CDD1DUL + 17);
            _persona = new Persona[_n];
            _community = new int[_n];
            _communityStart = new int[_communities + 1];
            _log = new InteractionLog((int)Math.Min(int.MaxValue / 2, (long)_n * 6));
        }

        public void AssignCommunitiesAndPersonas()
        {
            // Community sizes vary ±40% around the mean; members are contiguous id ranges.
            var weights = new double[_communities];
            double total = 0;
            for (int k = 0; k < _communities; k++) total += weights[k] = 0.6 + 0.8 * _rng.NextDouble();
            double acc = 0;
            for (int k = 0; k < _communities; k++)
            {
                _communityStart[k] = (int)Math.Round(acc / total * _n);
                acc += weights[k];
            }
            _communityStart[_communities] = _n;
            for (int k = 0; k < _communities; k++)
                for (int v = _communityStart[k]; v < _communityStart[k + 1]; v++) _community[v] = k;

            // Personas: exact counts, spread at random over accounts.
            var order = new int[_n];
            for (int i = 0; i < _n; i++) order[i] = i;
            for (int i = _n - 1; i > 0; i--) { int j = _rng.Next(i + 1); (order[i], order[j]) = (order[j], order[i]); }
            int at = 0;
            void Take(double share, Persona p)
            {
                int count = (int)Math.Round(share * _n);
                for (int i = 0; i < count && at < _n; i++) _persona[order[at++]] = p;
            }
            Take(_c.CelebrityShare, Persona.Celebrity);
            Take(_c.MacroShare, Persona.MacroInfluencer);
            Take(_c.MicroShare, Persona.MicroInfluencer);
            Take(_c.AmplifierShare, Persona.Amplifier);
            Take(_c.LurkerShare, Persona.Lurker);

            _popularity = new double[_n];
            var celebs = new List<int>();
            var macros = new List<int>();
            var micros = new List<int>();
            var microsIn = new List<int>[_communities];
            var macrosIn = new List<int>[_communities];
            for (int k = 0; k < _communities; k++) { microsIn[k] = new(); macrosIn[k] = new(); }
            for (int v = 0; v < _n; v++)
            {
                switch (_persona[v])
                {
                    case Persona.Celebrity: celebs.Add(v); _popularity[v] = 0.5 + 1.5 * _rng.NextDouble(); break;
                    case Persona.MacroInfluencer: macros.Add(v); macrosIn[_community[v]].Add(v); _popularity[v] = 0.6 + 0.8 * _rng.NextDouble(); break;
                    case Persona.MicroInfluencer: micros.Add(v); microsIn[_community[v]].Add(v); _popularity[v] = 0.7 + 0.6 * _rng.NextDouble(); break;
                }
            }
            _celebs = celebs.ToArray();
            _macros = macros.ToArray();
            _micros = micros.ToArray();
            _microsIn = Array.ConvertAll(microsIn, l => l.ToArray());
            _macrosIn = Array.ConvertAll(macrosIn, l => l.ToArray());
            _celebCumulative = Cumulative(_celebs);
            _macroCumulative = Cumulative(_macros);
        }

        private double[] Cumulative(int[] accounts)
        {
            var cum = new double[accounts.Length];
            double s = 0;
            for (int i = 0; i < accounts.Length; i++) cum[i] = s += _popularity[accounts[i]];
            return cum;
        }

        private int PickWeighted(int[] accounts, double[] cumulative)
        {
            if (accounts.Length == 0) return -1;
            double x = _rng.NextDouble() * cumulative[^1];
            int i = Array.BinarySearch(cumulative, x);
            if (i < 0) i = ~i;
            return accounts[Math.Min(i, accounts.Length - 1)];
        }

        private int PickInCommunity(int k) => _communityStart[k] + _rng.Next(_communityStart[k + 1] - _communityStart[k]);

        private long Timestamp() => _c.StartUnixSeconds + (long)(_rng.NextDouble() * _c.Days * Day);

        private long TimestampOnDay(int day) => _c.StartUnixSeconds + (long)day * Day + _rng.Next(Day);

        private double Stance(double min, double max) => _c.WithStance ? min + (max - min) * _rng.NextDouble() : double.NaN;

        private void Follow(int u, int v)
        {
            _followSrc.Add(u);
            _followDst.Add(v);
        }

        private void Interact(int u, int v, InteractionKind kind, long ts, double stance) => _log.Add(u, v, kind, ts, 1.0, stance);

        /// <summary>An ordinary engagement of a follower (likes most common, then replies, shares, comments).</summary>
        private InteractionKind FanKind()
        {
            double r = _rng.NextDouble();
            return r < 0.40 ? InteractionKind.Like : r < 0.65 ? InteractionKind.Reply : r < 0.82 ? InteractionKind.Share
                : r < 0.92 ? InteractionKind.Comment : InteractionKind.Mention;
        }

        /// <summary>1 (65%), 2 (30%) or 3 (5%) interactions: casual engagement rarely repeats much.</summary>
        private int FanRepeats()
        {
            double r = _rng.NextDouble();
            return r < 0.65 ? 1 : r < 0.95 ? 2 : 3;
        }

        private void Engage(int u, int v, int repeats)
        {
            for (int i = 0; i < repeats; i++) Interact(u, v, FanKind(), Timestamp(), Stance(-0.2, 1));
        }

        private void ReplyBack(int influencer, int fan, int repeats)
        {
            for (int i = 0; i < repeats; i++) Interact(influencer, fan, InteractionKind.Reply, Timestamp(), Stance(0, 1));
        }

        private bool AlreadyPicked(int count, int v)
        {
            for (int i = 0; i < count; i++) if (_picked[i] == v) return true;
            return false;
        }

        /// <summary>
        /// u follows v unless v is no account (-1), u itself, already picked by u, or u's list of picks is full; the
        /// pick is recorded. Draws nothing from the random stream, so the world stays the same byte for byte.
        /// </summary>
        private bool FollowNew(int u, int v, ref int picked)
        {
            if (v < 0 || v == u || AlreadyPicked(picked, v) || picked == _picked.Length) return false;
            _picked[picked++] = v;
            Follow(u, v);
            return true;
        }

        /// <summary>
        /// A fan u of influencer v: v follows back with probability <paramref name="followBack"/>; u engages with
        /// probability <paramref name="engage"/> (repeatedly, as fans do) and half the engagers are answered, once or
        /// up to <paramref name="replies"/> times.
        /// </summary>
        private void Fan(int u, int v, double followBack, double engage, int replies)
        {
            if (_rng.Chance(followBack)) Follow(v, u);
            if (!_rng.Chance(engage)) return;
            Engage(u, v, FanRepeats());
            if (_rng.Chance(0.5)) ReplyBack(v, u, replies == 1 ? 1 : _rng.Between(1, replies));
        }

        // One method on purpose: one pass per account draws its follows and the engagement on each, in a fixed random order (seeded output).
        public void DrawFollowsAndEngagement(CancellationToken ct)
        {
            double scale = _c.EngagementScale;
            for (int u = 0; u < _n; u++)
            {
                if ((u & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                Persona p = _persona[u];
                if (p == Persona.Celebrity) continue; // follows nobody, engages with nobody
                bool lurker = p == Persona.Lurker;
                double rate = lurker ? 0.5 : 1.0;
                double engage = lurker ? 0.05 * scale : scale;
                int home = _community[u];
                int picked = 0;

                // Celebrities: many follow, few engage (a large audience engages at a fraction of a small one's
                // rate, mostly once); never followed back, never answered.
                for (int i = _rng.Count(_c.CelebrityFollowsMean * rate); i > 0; i--)
                {
                    int v = PickWeighted(_celebs, _celebCumulative);
                    if (!FollowNew(u, v, ref picked)) continue;
                    if (_rng.Chance(0.08 * engage)) Engage(u, v, FanRepeats());
                }
                // Macro-influencers: cross-community audience that engages (half of it) and is answered (half of
                // the engagers); follows back 15%.
                for (int i = _rng.Count(_c.MacroFollowsMean * rate); i > 0; i--)
                {
                    int[] local = _macrosIn[home];
                    int v = local.Length > 0 && _rng.Chance(0.4) ? local[_rng.Next(local.Length)] : PickWeighted(_macros, _macroCumulative);
                    if (FollowNew(u, v, ref picked)) Fan(u, v, followBack: 0.15, engage: 0.5 * engage, replies: 1);
                }
                // Micro-influencers: own community (90%); follow back half, answer half of engagers.
                for (int i = _rng.Count(_c.MicroFollowsMean * rate); i > 0; i--)
                {
                    int[] local = _microsIn[home];
                    int v = local.Length > 0 && _rng.Chance(0.9) ? local[_rng.Next(local.Length)]
                        : _micros.Length > 0 ? _micros[_rng.Next(_micros.Length)] : -1;
                    if (FollowNew(u, v, ref picked)) Fan(u, v, followBack: 0.5, engage: 0.6 * engage, replies: 2);
                }
                // Friends: ordinary accounts, mostly in the own community; some follow back and chat.
                double friends = p == Persona.MacroInfluencer ? _c.FriendFollowsMean * 0.6 : _c.FriendFollowsMean * rate;
                for (int i = _rng.Count(friends); i > 0; i--)
                {
                    int v = _rng.Chance(0.85) ? PickInCommunity(home) : _rng.Next(_n);
                    if (_persona[v] == Persona.Celebrity || !FollowNew(u, v, ref picked)) continue;
                    if (_rng.Chance(_persona[v] == Persona.Lurker ? 0.1 : 0.35)) Follow(v, u);
                    if (_rng.Chance(0.3 * engage))
                    {
                        Engage(u, v, _rng.Between(1, 2));
                        if (_persona[v] != Persona.Lurker && _rng.Chance(0.3)) ReplyBack(v, u, 1);
                    }
                }
                // Amplifiers: share a lot of others' content (influencers and what they follow).
                if (p == Persona.Amplifier)
                {
                    int shares = _rng.Between(10, 20);
                    for (int i = 0; i < shares; i++)
                    {
                        int v = picked > 0 && _rng.Chance(0.6) ? _picked[_rng.Next(picked)]
                            : _rng.Chance(0.5) ? PickWeighted(_celebs, _celebCumulative) : PickInCommunity(home);
                        if (v < 0 || v == u) continue;
                        Interact(u, v, _rng.Chance(0.85) ? InteractionKind.Share : InteractionKind.Like, Timestamp(), Stance(0, 1));
                    }
                }
            }
        }

        public void PlantDefendersAndCritics()
        {
            var group = new List<int>();
            var daysBuffer = new int[Math.Min(6, _c.Days)];
            foreach (int[] influencers in new[] { _micros, _macros })
            {
                foreach (int x in influencers)
                {
                    if (!_rng.Chance(_c.DefendedShare)) continue;
                    int home = _community[x];
                    int size = _rng.Between(_c.DefendersMin, _c.DefendersMax);
                    group.Clear();
                    for (int attempt = 0; attempt < size * 20 && group.Count < size; attempt++)
                    {
                        int d = PickInCommunity(home);
                        if (d == x || group.Contains(d)) continue;
                        if (_persona[d] is not (Persona.Regular or Persona.Amplifier)) continue;
                        group.Add(d);
                    }
                    foreach (int d in group)
                    {
                        _defenders.Add((d, x));
                        Follow(d, x);
                        Follow(x, d); // followed back: the defended account acknowledges its defenders
                        ActRepeatedly(d, x, Stand.Defender, daysBuffer);
                        if (_rng.Chance(0.7)) ReplyBack(x, d, _rng.Between(1, 3));
                    }
                    // Defenders know each other.
                    for (int i = 0; i < group.Count; i++)
                        for (int j = i + 1; j < group.Count; j++)
                            if (_rng.Chance(0.5))
                            {
                                if (_rng.Chance(0.5)) Follow(group[i], group[j]); else Follow(group[j], group[i]);
                            }

                    if (_c.WithStance && _rng.Chance(_c.CriticisedShare))
                    {
                        int critics = _rng.Between(2, 4);
                        for (int k = 0; k < critics; k++)
                        {
                            int cr = _rng.Next(_n);
                            if (cr == x || group.Contains(cr) || _persona[cr] is Persona.Celebrity or Persona.Lurker) continue;
                            _critics.Add((cr, x));
                            if (_rng.Chance(0.5)) Follow(cr, x);
                            ActRepeatedly(cr, x, Stand.Critic, daysBuffer);
                            if (_rng.Chance(0.3)) Interact(x, cr, InteractionKind.Reply, Timestamp(), Stance(-0.6, 0));
                        }
                    }
                }
            }
        }

        /// <summary>How a defender (or a critic) acts on its target: on a few distinct days, several times, with a stance in a range.</summary>
        private sealed record Stand(bool Supportive, int MinDays, int MaxDays, int MinCount, int MaxCount, double MinStance, double MaxStance)
        {
            public static readonly Stand Defender = new(true, 3, 6, 6, 12, 0.4, 1);
            public static readonly Stand Critic = new(false, 2, 4, 4, 8, -1, -0.3);
        }

        /// <summary>
        /// <paramref name="from"/> acts on <paramref name="to"/> repeatedly, over distinct days of the window (each at
        /// least once, the rest on days drawn again): supportive kinds for a defender, replies, mentions and quotes for a critic.
        /// </summary>
        private void ActRepeatedly(int from, int to, Stand stand, int[] daysBuffer)
        {
            int activeDays = _rng.Between(stand.MinDays, Math.Min(stand.MaxDays, _c.Days));
            int count = _rng.Between(Math.Max(stand.MinCount, activeDays), stand.MaxCount);
            Span<int> days = daysBuffer.AsSpan(0, activeDays);
            DistinctDays(days);
            for (int i = 0; i < count; i++)
            {
                int day = i < activeDays ? days[i] : days[_rng.Next(activeDays)];
                InteractionKind kind = stand.Supportive ? SupportKind() : CriticKind();
                Interact(from, to, kind, TimestampOnDay(day), Stance(stand.MinStance, stand.MaxStance));
            }
        }

        private InteractionKind CriticKind() =>
            _rng.Chance(0.6) ? InteractionKind.Reply : _rng.Chance(0.5) ? InteractionKind.Mention : InteractionKind.Quote;

        private InteractionKind SupportKind()
        {
            double r = _rng.NextDouble();
            return r < 0.30 ? InteractionKind.Reply : r < 0.55 ? InteractionKind.Share : r < 0.70 ? InteractionKind.Mention
                : r < 0.85 ? InteractionKind.Quote : InteractionKind.Comment;
        }

        private void DistinctDays(Span<int> days)
        {
            // Partial Fisher–Yates over the window's days.
            if (_allDays.Length != _c.Days) _allDays = new int[_c.Days];
            Span<int> all = _allDays;
            for (int i = 0; i < all.Length; i++) all[i] = i;
            for (int i = 0; i < days.Length; i++)
            {
                int j = i + _rng.Next(all.Length - i);
                (all[i], all[j]) = (all[j], all[i]);
                days[i] = all[i];
            }
        }

        public void AddNoise()
        {
            long follows = (long)Math.Round(_c.NoiseFollowsPerAccount * _n);
            for (long i = 0; i < follows; i++)
            {
                int u = _rng.Next(_n), v = _rng.Next(_n);
                if (u == v || _persona[u] == Persona.Celebrity) continue;
                Follow(u, v);
            }
            long interactions = (long)Math.Round(_c.NoiseInteractionsPerAccount * _n);
            for (long i = 0; i < interactions; i++)
            {
                int u = _rng.Next(_n), v = _rng.Next(_n);
                if (u == v || _persona[u] is Persona.Celebrity or Persona.Lurker) continue;
                Interact(u, v, (InteractionKind)_rng.Next(InteractionKinds.Count), Timestamp(), Stance(-0.5, 1));
            }
        }

        public SyntheticWorld Finish()
        {
            // Distinct follow pairs, sorted (duplicates arise when two mechanisms draw the same pair).
            int m = _followSrc.Count;
            var keys = new long[m];
            for (int i = 0; i < m; i++) keys[i] = ((long)_followSrc.Items[i] << 32) | (uint)_followDst.Items[i];
            _followSrc.Release();
            _followDst.Release();
            Array.Sort(keys);
            int distinct = 0;
            for (int i = 0; i < m; i++) if (i == 0 || keys[i] != keys[i - 1]) distinct++;
            var src = new int[distinct];
            var dst = new int[distinct];
            int w = 0;
            for (int i = 0; i < m; i++)
            {
                if (i > 0 && keys[i] == keys[i - 1]) continue;
                src[w] = (int)(keys[i] >> 32);
                dst[w] = (int)(keys[i] & 0xFFFFFFFF);
                w++;
            }

            var ids = new IdMap(_n);
            for (int v = 0; v < _n; v++) ids.GetOrAdd(_c.IdPrefix + v.ToString(CultureInfo.InvariantCulture));
            var defenders = _defenders.Distinct().Order().ToArray();
            var defenderSet = new HashSet<(int, int)>(defenders);
            var critics = _critics.Distinct().Where(p => !defenderSet.Contains(p)).Order().ToArray();
            return new SyntheticWorld(_c, ids, src, dst, _log, _persona, _community, defenders, critics);
        }
    }

    /// <summary>Growable int array (no per-element objects).</summary>
    private sealed class Buffer
    {
        public int[] Items = new int[1024];
        public int Count;

        public void Add(int value)
        {
            if (Count == Items.Length) Array.Resize(ref Items, (int)Math.Min(Array.MaxLength, 2L * Items.Length));
            Items[Count++] = value;
        }

        public void Release() { Items = []; Count = 0; }
    }
}
