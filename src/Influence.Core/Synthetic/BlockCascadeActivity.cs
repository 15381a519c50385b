using System.Globalization;
using Influence.Core.Graph;
using Influence.Core.Model;

namespace Influence.Core.Synthetic;

public static partial class BlockCascadeWorldGenerator
{
    /// <summary>Interactions of a block-cascade world: cascades, conversation, spam, defenders, critics, and the truth.</summary>
    private sealed partial class State
    {
        private readonly InteractionLog _log;
        private int[] _audienceStart = [], _audience = [];
        private readonly List<(int Defender, int Target)> _defenders = new();
        private readonly HashSet<(int, int)> _critics = new();

        /// <summary>Followers of every account as one CSR array (after all structural follows are drawn).</summary>
        public void BuildAudiences()
        {
            _audienceStart = new int[_n + 1];
            foreach (long key in _edgeOrder) _audienceStart[(int)(key & 0xFFFFFFFF) + 1]++;
            for (int v = 0; v < _n; v++) _audienceStart[v + 1] += _audienceStart[v];
            _audience = new int[_edgeOrder.Count];
            var fill = (int[])_audienceStart.Clone();
            foreach (long key in _edgeOrder) _audience[fill[(int)(key & 0xFFFFFFFF)]++] = (int)(key >> 32);
        }

        private ReadOnlySpan<int> Audience(int v) => _audience.AsSpan(_audienceStart[v], _audienceStart[v + 1] - _audienceStart[v]);

        private double Stance(double min, double max) => _rng.Chance(_c.StanceShare) ? Between(min, max) : double.NaN;

        private long RandomTime() => _start + (long)(_rng.NextDouble() * (_end - _start));

        /// <summary>A reaction some hours after <paramref name="t"/> (exponential, mean 6 h), inside the span.</summary>
        private long After(long t) => Math.Min(_end - 1, t + (long)(-Math.Log(1 - _rng.NextDouble()) * 6 * 3600));

        private void Interact(int u, int v, InteractionKind kind, long ts, double stance) => _log.Add(u, v, kind, ts, 1.0, stance);

        /// <summary>Posts over the whole span by persona (the span changes when, not how much).</summary>
        private double PostsMean(int v) => IsNoise(v) ? 0 : _persona[v] switch
        {
            Persona.Celebrity or Persona.MacroInfluencer => 12,
            Persona.MicroInfluencer => 10,
            Persona.Amplifier => 1,
            Persona.Lurker => 0.1,
            _ => 3,
        };

        /// <summary>Chance that follower <paramref name="f"/> engages with one post of <paramref name="a"/> it sees.</summary>
        private double EngageChance(int a, int f)
        {
            if (IsNoise(f)) return 0;
            // Amplifiers share what they see whatever the intensity: it is what they are.
            if (_persona[f] == Persona.Amplifier) return 0.25;
            double baseRate = _persona[a] switch
            {
                Persona.Celebrity => Is(a, AccountTraits.EngagedBroadcaster) ? 0.02 : 0.012,
                Persona.MacroInfluencer => 0.03,
                Persona.MicroInfluencer => _community[f] == _community[a] ? 0.12 : 0.03,
                _ => 0.04,
            };
            double fan = _persona[f] switch
            {
                Persona.Lurker => 0.05,
                Persona.MicroInfluencer => 1.5,
                Persona.MacroInfluencer => 0.8,
                Persona.Celebrity => Is(f, AccountTraits.EngagedBroadcaster) ? 1 : 0.3,
                _ => 1,
            };
            return Math.Min(0.9, baseRate * fan * _c.EngagementIntensity);
        }

        /// <summary>Chance that <paramref name="a"/> answers a reply to its post.</summary>
        private double ReplyBackChance(int a) => _persona[a] switch
        {
            Persona.Celebrity => Is(a, AccountTraits.EngagedBroadcaster) ? 0.6 : 0,
            Persona.MacroInfluencer => 0.3,
            Persona.MicroInfluencer => 0.6,
            Persona.Lurker => 0,
            Persona.Amplifier => 0.1,
            _ => IsNoise(a) ? 0 : 0.25,
        };

        private InteractionKind ReactionKind(int f)
        {
            double r = _rng.NextDouble();
            if (_persona[f] == Persona.Amplifier) return r < 0.85 ? InteractionKind.Share : InteractionKind.Like;
            return r < 0.45 ? InteractionKind.Like : r < 0.65 ? InteractionKind.Reply : r < 0.83 ? InteractionKind.Share
                : r < 0.91 ? InteractionKind.Comment : r < 0.96 ? InteractionKind.Quote : InteractionKind.Mention;
        }

        /// <summary>
        /// Every post is seen by the author's followers; each engages at most once; a share shows the post to the
        /// sharer's followers (two hops at most, half as likely per hop). Engagement is credited to the author.
        /// </summary>
        public void RunCascades(CancellationToken ct)
        {
            var seen = new int[_n];   // post stamp: who has already reacted to the current post
            var frontier = new List<(int Account, int Depth, long Time)>();
            int post = 0;
            for (int a = 0; a < _n; a++)
            {
                if ((a & 0x1FFF) == 0) ct.ThrowIfCancellationRequested();
                for (int posts = _rng.Count(PostsMean(a)); posts > 0; posts--)
                {
                    post++;
                    seen[a] = post;
                    frontier.Clear();
                    frontier.Add((a, 0, RandomTime()));
                    for (int i = 0; i < frontier.Count; i++)
                    {
                        var (via, depth, t) = frontier[i];
                        double decay = depth == 0 ? 1 : depth == 1 ? 0.5 : 0.25;
                        foreach (int f in Audience(via))
                        {
                            if (seen[f] == post || !_rng.Chance(EngageChance(a, f) * decay)) continue;
                            seen[f] = post;
                            InteractionKind kind = ReactionKind(f);
                            long ts = After(t);
                            Interact(f, a, kind, ts, Stance(-0.3, 1));
                            if (kind == InteractionKind.Share && depth < 2) frontier.Add((f, depth + 1, ts));
                            if (kind is InteractionKind.Reply or InteractionKind.Comment && _rng.Chance(ReplyBackChance(a)))
                                Interact(a, f, InteractionKind.Reply, After(ts), Stance(0, 1));
                        }
                    }
                }
            }
        }

        /// <summary>Engaged broadcasters reply to and mention many accounts (mostly their audience); some answer.</summary>
        public void BroadcastersConverse()
        {
            for (int b = 0; b < _n; b++)
            {
                if (!Is(b, AccountTraits.EngagedBroadcaster)) continue;
                ReadOnlySpan<int> audience = Audience(b);
                for (int people = 40 + _rng.Next(111); people > 0; people--)
                {
                    int v = audience.Length > 0 && _rng.Chance(0.7) ? audience[_rng.Next(audience.Length)] : _rng.Next(_n);
                    if (v == b || IsNoise(v)) continue;
                    for (int times = 1 + _rng.Next(3); times > 0; times--)
                    {
                        long ts = RandomTime();
                        Interact(b, v, _rng.Chance(0.6) ? InteractionKind.Reply : InteractionKind.Mention, ts, Stance(-0.2, 1));
                        if (_persona[v] != Persona.Lurker && _rng.Chance(0.4)) Interact(v, b, InteractionKind.Reply, After(ts), Stance(-0.3, 1));
                    }
                }
            }
        }

        /// <summary>Bots mention many targets, popular ones first, a few times each; nobody answers.</summary>
        public void BotsSpam()
        {
            for (int bot = 0; bot < _n; bot++)
            {
                if (!Is(bot, AccountTraits.Bot)) continue;
                for (int targets = 30 + _rng.Next(121); targets > 0; targets--)
                {
                    int v = _rng.Next(_n);
                    if (_rng.Chance(0.7))
                        for (int attempt = 0; attempt < 20 && _persona[v] is Persona.Regular or Persona.Lurker or Persona.Amplifier; attempt++) v = _rng.Next(_n);
                    if (v == bot) continue;
                    for (int times = 1 + _rng.Next(3); times > 0; times--)
                        Interact(bot, v, InteractionKind.Mention, RandomTime(), Stance(-0.2, 0.6));
                }
            }
        }

        /// <summary>Distinct periods for repeated backing: weeks when the span has several, days otherwise.</summary>
        private long PeriodLength => _c.Weeks >= 2 ? 7L * Day : Day;
        private int PeriodCount => (int)((_end - _start) / PeriodLength);
        private int PeriodOf(long ts) => (int)((ts - _start) / PeriodLength);

        /// <summary><paramref name="count"/> timestamps over at least two distinct periods, at most eight.</summary>
        private void SpreadOverPeriods(int count, Span<long> times)
        {
            int periods = Math.Min(PeriodCount, Math.Min(count, 2 + _rng.Next(7)));
            Span<int> chosen = stackalloc int[periods];
            for (int i = 0; i < periods; i++)
            {
                int p;
                do p = _rng.Next(PeriodCount); while (chosen[..i].Contains(p));
                chosen[i] = p;
            }
            for (int i = 0; i < count; i++)
            {
                int p = i < periods ? chosen[i] : chosen[_rng.Next(periods)];
                times[i] = _start + p * PeriodLength + _rng.Next((int)PeriodLength);
            }
        }

        private InteractionKind BackingKind()
        {
            double r = _rng.NextDouble();
            return r < 0.25 ? InteractionKind.Reply : r < 0.55 ? InteractionKind.Share : r < 0.70 ? InteractionKind.Like
                : r < 0.80 ? InteractionKind.Quote : r < 0.90 ? InteractionKind.Mention : InteractionKind.Comment;
        }

        /// <summary>A follower of <paramref name="x"/> (in its community when possible) fit to defend or criticise it.</summary>
        private int Backer(int x, List<int> exclude, bool fromAudience)
        {
            ReadOnlySpan<int> audience = Audience(x);
            int[] home = _members[_community[x]];
            for (int attempt = 0; attempt < 60; attempt++)
            {
                int d = fromAudience && audience.Length > 0 && attempt < 40 ? audience[_rng.Next(audience.Length)] : home[_rng.Next(home.Length)];
                if (d == x || IsNoise(d) || exclude.Contains(d) || _persona[d] is not (Persona.Regular or Persona.Amplifier)) continue;
                if (attempt < 40 && fromAudience && _community[d] != _community[x] && _rng.Chance(0.7)) continue;
                return d;
            }
            return -1;
        }

        /// <summary>
        /// Defender groups back a target repeatedly (5–20 times over ≥ 2 periods, positive stance) and the target
        /// reciprocates (a micro-influencer follows back and answers a lot; a celebrity answers but does not follow).
        /// Critics engage repeatedly with negative stance and are never answered or followed back.
        /// </summary>
        public void PlantDefendersAndCritics()
        {
            var group = new List<int>();
            var times = new long[_c.DefenderInteractionsMax + 12];
            for (int x = 0; x < _n; x++)
            {
                Persona p = _persona[x];
                if (p is not (Persona.MicroInfluencer or Persona.MacroInfluencer or Persona.Celebrity)) continue;
                if (!_rng.Chance(p == Persona.Celebrity ? _c.DefendedShare / 2 : _c.DefendedShare)) continue;
                group.Clear();
                for (int size = _rng.Between(_c.DefendersMin, _c.DefendersMax); group.Count < size;)
                {
                    int d = Backer(x, group, fromAudience: true);
                    if (d < 0) break;
                    group.Add(d);
                }
                foreach (int d in group)
                {
                    _defenders.Add((d, x));
                    Follow(d, x);
                    int count = _rng.Between(_c.DefenderInteractionsMin, _c.DefenderInteractionsMax);
                    SpreadOverPeriods(count, times);
                    for (int i = 0; i < count; i++) Interact(d, x, BackingKind(), times[i], Stance(0.4, 1));
                    bool followsBack = p switch { Persona.MicroInfluencer => _rng.Chance(0.85), Persona.MacroInfluencer => _rng.Chance(0.6), _ => false };
                    if (followsBack) Follow(x, d);
                    int answers = p switch
                    {
                        Persona.MicroInfluencer => _rng.Between(3, 10), // a relationship builder engages back a lot
                        Persona.MacroInfluencer => _rng.Between(followsBack ? 0 : 1, 4),
                        _ => _rng.Between(1, 3),
                    };
                    for (int i = 0; i < answers; i++)
                        Interact(x, d, _rng.Chance(0.7) ? InteractionKind.Reply : InteractionKind.Like, After(times[_rng.Next(count)]), Stance(0.3, 1));
                }
                for (int i = 0; i < group.Count; i++)
                    for (int j = i + 1; j < group.Count; j++)
                        if (_rng.Chance(0.4)) Follow(group[i], group[j]);

                if (!_rng.Chance(_c.CriticisedShare)) continue;
                for (int critics = _rng.Between(2, 4); critics > 0; critics--)
                {
                    int cr = Backer(x, group, fromAudience: false);
                    if (cr < 0 || Follows(x, cr) || _critics.Contains((cr, x))) continue;
                    _critics.Add((cr, x));
                    group.Add(cr); // not a defender of x either
                    if (_rng.Chance(0.5)) Follow(cr, x);
                    int count = _rng.Between(5, 12);
                    SpreadOverPeriods(count, times);
                    for (int i = 0; i < count; i++)
                    {
                        InteractionKind kind = _rng.Chance(0.6) ? InteractionKind.Reply : _rng.Chance(0.5) ? InteractionKind.Mention : InteractionKind.Quote;
                        Interact(cr, x, kind, times[i], Stance(-1, -0.3));
                    }
                }
            }
        }

        /// <summary>
        /// Adds every pair that meets the defender meaning without being planted: D (not a bot, fake or critic of X)
        /// engaged with X (a micro, macro or celebrity) at least DefenderInteractionsMin times in ≥ 2 periods, with a
        /// positive mean stance when any is recorded, and X follows D or engaged with D.
        /// </summary>
        public void CompleteDefenderTruth()
        {
            var planted = new HashSet<(int, int)>(_defenders);
            var tally = new Dictionary<long, (int Count, double StanceSum, int StanceCount, long Periods, int FirstPeriod)>();
            var engagedBack = new HashSet<long>();
            ReadOnlySpan<int> src = _log.Source, dst = _log.Target;
            ReadOnlySpan<long> ts = _log.Timestamp;
            ReadOnlySpan<double> stance = _log.Stance;
            for (int i = 0; i < _log.Count; i++)
            {
                int d = src[i], x = dst[i];
                engagedBack.Add(Key(d, x));
                if (_persona[x] is not (Persona.MicroInfluencer or Persona.MacroInfluencer or Persona.Celebrity) || IsNoise(d)) continue;
                tally.TryGetValue(Key(d, x), out var t);
                int period = PeriodOf(ts[i]);
                // Distinct periods: a 64-bit mask of period % 64 is exact for ≤ 64 periods and close beyond.
                t.Periods |= 1L << (period & 63);
                t.Count++;
                if (!double.IsNaN(stance[i])) { t.StanceSum += stance[i]; t.StanceCount++; }
                tally[Key(d, x)] = t;
            }
            foreach (var (key, t) in tally)
            {
                int d = (int)(key >> 32), x = (int)(key & 0xFFFFFFFF);
                if (t.Count < _c.DefenderInteractionsMin || long.PopCount(t.Periods) < 2) continue;
                if (t.StanceCount > 0 && t.StanceSum <= 0) continue;
                if (_critics.Contains((d, x)) || planted.Contains((d, x))) continue;
                if (!Follows(x, d) && !engagedBack.Contains(Key(x, d))) continue;
                _defenders.Add((d, x));
            }
        }

        public SyntheticWorld Finish()
        {
            var keys = _edgeOrder.ToArray();
            Array.Sort(keys);
            var src = new int[keys.Length];
            var dst = new int[keys.Length];
            var since = new long[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                src[i] = (int)(keys[i] >> 32);
                dst[i] = (int)(keys[i] & 0xFFFFFFFF);
                since[i] = _plantedSince.TryGetValue(keys[i], out long s) ? s : InteractionLog.NoTimestamp;
            }
            var ids = new IdMap(_n);
            for (int v = 0; v < _n; v++) ids.GetOrAdd(_c.IdPrefix + v.ToString(CultureInfo.InvariantCulture));
            var defenders = _defenders.Distinct().Order().ToArray();
            var critics = _critics.Order().ToArray();
            // The shared world type keeps its own config; this one records what it can express of ours.
            var summary = new SyntheticWorldConfig
            {
                Accounts = _n, Seed = _c.Seed, Communities = _k, Days = _c.Weeks * 7, StartUnixSeconds = _c.StartUnixSeconds,
                IdPrefix = _c.IdPrefix, WithStance = _c.StanceShare > 0, CelebrityShare = _c.CelebrityShare, MacroShare = _c.MacroShare,
                MicroShare = _c.MicroShare, AmplifierShare = _c.AmplifierShare, LurkerShare = _c.LurkerShare,
                EngagementScale = Math.Min(1.5, _c.EngagementIntensity),
            };
            return new SyntheticWorld(summary, ids, src, dst, _log, _persona, _community, defenders, critics, _traits, since, "block-cascade");
        }
    }
}
