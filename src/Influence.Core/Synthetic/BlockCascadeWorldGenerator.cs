namespace Influence.Core.Synthetic;

/// <summary>
/// A second, independent generator (docs/validation.md): stochastic-block communities of power-law
/// sizes with a mixing parameter; follows by preferential attachment (a Pólya urn per community and
/// one for stars); follow-back with a rate per persona; interactions produced by cascades (an account
/// posts, followers engage, a share re-exposes the post to the sharer's followers); bots, bought
/// followers and engaged broadcasters as noise. Truth is planted by what each role means and the
/// defender truth is completed by that meaning afterwards (any pair that meets it counts).
/// </summary>
/// <remarks>
/// It shares no rule with <see cref="SyntheticWorldGenerator"/>: community members are not contiguous,
/// audiences are not drawn per persona quota but grow by attachment, engagement is per post, not per
/// follow, and the span runs 1–104 weeks. Returns the same <see cref="SyntheticWorld"/>.
/// </remarks>
public static partial class BlockCascadeWorldGenerator
{
    /// <summary>Generates a world; same config (and seed), same world.</summary>
    /// <exception cref="ArgumentException">Invalid <paramref name="config"/> (the message names the field).</exception>
    public static SyntheticWorld Generate(BlockCascadeWorldConfig? config = null, CancellationToken cancellationToken = default)
    {
        config ??= new BlockCascadeWorldConfig();
        config.Validate();
        var s = new State(config);
        s.DrawCommunities();
        s.AssignPersonas();
        s.DrawFollows(cancellationToken);
        s.FollowBack();
        s.BuyFollowers();
        s.BuildAudiences();
        s.RunCascades(cancellationToken);
        s.BroadcastersConverse();
        s.BotsSpam();
        s.PlantDefendersAndCritics();
        s.CompleteDefenderTruth();
        return s.Finish();
    }

    private sealed partial class State
    {
        private const int Day = 86_400;
        private readonly BlockCascadeWorldConfig _c;
        private readonly int _n, _k;
        private FastRandom _rng;
        private readonly Persona[] _persona;
        private readonly AccountTraits[] _traits;
        private readonly int[] _community;
        private int[][] _members = [];
        private readonly double[] _followBack;       // each account's own follow-back rate
        private readonly HashSet<long> _edges = new();
        private readonly List<long> _edgeOrder = new(); // insertion order, for the follow-back pass
        private readonly Dictionary<long, long> _plantedSince = new();
        private readonly long _start, _end;

        public State(BlockCascadeWorldConfig c)
        {
            _c = c;
            _n = c.Accounts;
            _k = c.ResolvedCommunities;
            _rng = new FastRandom((ulong)(uint)c.Seed * 0x9FB21C651E98DF25UL + 0xB10C);
            _persona = new Persona[_n];
            _traits = new AccountTraits[_n];
            _community = new int[_n];
            _followBack = new double[_n];
            _start = c.StartUnixSeconds;
            _end = c.StartUnixSeconds + (long)c.Weeks * 7 * Day;
            _log = new Model.InteractionLog(_n * 8);
        }

        private static long Key(int u, int v) => ((long)u << 32) | (uint)v;

        private bool Follows(int u, int v) => _edges.Contains(Key(u, v));

        private bool Follow(int u, int v)
        {
            if (u == v || !_edges.Add(Key(u, v))) return false;
            _edgeOrder.Add(Key(u, v));
            return true;
        }

        private bool Is(int v, AccountTraits t) => (_traits[v] & t) != 0;

        /// <summary>Bots and bought followers: accounts nobody answers.</summary>
        private bool IsNoise(int v) => Is(v, AccountTraits.Bot | AccountTraits.BoughtFollower);

        private int[] Shuffled()
        {
            var order = new int[_n];
            for (int i = 0; i < _n; i++) order[i] = i;
            for (int i = _n - 1; i > 0; i--) { int j = _rng.Next(i + 1); (order[i], order[j]) = (order[j], order[i]); }
            return order;
        }

        /// <summary>Power-law (Pareto) community sizes above a floor; members drawn at random, not contiguous.</summary>
        public void DrawCommunities()
        {
            var weight = new double[_k];
            double total = 0;
            for (int k = 0; k < _k; k++)
            {
                double u = 1 - _rng.NextDouble();
                total += weight[k] = Math.Min(60, Math.Pow(u, -1.0 / (_c.CommunitySizeExponent - 1)));
            }
            int spare = _n - _k * _c.MinCommunitySize;
            var size = new int[_k];
            int assigned = 0;
            for (int k = 0; k < _k; k++) assigned += size[k] = _c.MinCommunitySize + (int)(spare * weight[k] / total);
            for (int k = 0; assigned < _n; k = (k + 1) % _k, assigned++) size[k]++;
            int[] order = Shuffled();
            _members = new int[_k][];
            int at = 0;
            for (int k = 0; k < _k; k++)
            {
                _members[k] = new int[size[k]];
                for (int i = 0; i < size[k]; i++) { int v = order[at++]; _members[k][i] = v; _community[v] = k; }
            }
        }

        /// <summary>Micro-influencers per community (∝ its size); the other personas and noise at random.</summary>
        public void AssignPersonas()
        {
            var taken = new bool[_n];
            int micros = (int)Math.Round(_c.MicroShare * _n);
            double carry = 0;
            for (int k = 0; k < _k && micros > 0; k++)
            {
                carry += _c.MicroShare * _members[k].Length;
                int want = Math.Min(micros, (int)Math.Floor(carry));
                carry -= want;
                micros -= want;
                for (int i = 0; i < want; i++)
                {
                    int v = _members[k][_rng.Next(_members[k].Length)];
                    if (taken[v]) { i--; continue; }
                    taken[v] = true;
                    _persona[v] = Persona.MicroInfluencer;
                }
            }
            int[] order = Shuffled();
            int at = 0;
            int Take(double count, Persona p, AccountTraits trait = AccountTraits.None)
            {
                int first = at;
                for (int i = 0; i < (int)Math.Round(count) && at < _n; at++)
                {
                    int v = order[at];
                    if (taken[v]) continue;
                    taken[v] = true;
                    _persona[v] = p;
                    _traits[v] |= trait;
                    i++;
                }
                return first;
            }
            Take(_c.CelebrityShare * _n, Persona.Celebrity);
            Take(_c.MacroShare * _n, Persona.MacroInfluencer);
            Take(_c.AmplifierShare * _n, Persona.Amplifier);
            Take(_c.BotShare * _n, Persona.Regular, AccountTraits.Bot);
            Take(_c.BoughtFollowerAccounts, Persona.Regular, AccountTraits.BoughtFollower);
            Take(_c.LurkerShare * _n, Persona.Lurker);

            int celebrities = 0;
            for (int v = 0; v < _n; v++)
            {
                switch (_persona[v])
                {
                    case Persona.Celebrity:
                        // Engaged broadcasters come first among celebrities (any order is random already).
                        bool broadcaster = celebrities++ < Math.Round(_c.EngagedBroadcasterShare * Math.Round(_c.CelebrityShare * _n));
                        if (broadcaster) _traits[v] |= AccountTraits.EngagedBroadcaster;
                        _followBack[v] = _rng.NextDouble() * _c.CelebrityFollowBackMax * (broadcaster ? 0.25 : 1);
                        break;
                    case Persona.MacroInfluencer: _followBack[v] = Between(_c.MacroFollowBackMin, _c.MacroFollowBackMax); break;
                    case Persona.MicroInfluencer: _followBack[v] = Between(_c.MicroFollowBackMin, _c.MicroFollowBackMax); break;
                    case Persona.Amplifier: _followBack[v] = 0.7 * _c.RegularFollowBack; break;
                    case Persona.Lurker: _followBack[v] = 0.1; break;
                    default: _followBack[v] = IsNoise(v) ? 0 : _c.RegularFollowBack; break;
                }
            }
        }

        private double Between(double min, double max) => min + (max - min) * _rng.NextDouble();

        /// <summary>Lognormal count with the given mean (σ = 0.8).</summary>
        private int LogNormalCount(double mean)
        {
            const double sigma = 0.8;
            double g = Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());
            return (int)Math.Round(mean * Math.Exp(sigma * g - sigma * sigma / 2));
        }

        /// <summary>Initial urn tokens (attractiveness) inside the own community.</summary>
        private int CommunityTokens(int v) => _persona[v] switch
        {
            Persona.MicroInfluencer => 8 + _rng.Next(9),
            Persona.MacroInfluencer => 3,
            Persona.Regular or Persona.Amplifier or Persona.Lurker when !IsNoise(v) => 1,
            _ => 0, // celebrities are reached through the star urn; bots and fakes are not sought out
        };

        /// <summary>Follows from the community urns after which an account stops attracting more by having them.</summary>
        private int AttachmentCap(int v) => _persona[v] switch
        {
            Persona.MicroInfluencer => 120,
            Persona.MacroInfluencer => int.MaxValue,
            _ => 25,
        };

        /// <summary>
        /// Preferential attachment: accounts arrive in random order; each follows stars from a global urn and
        /// ordinary accounts from its community's urn (a share μ uniformly from other communities), and every follow
        /// adds a token for the followed account, so audiences grow by what they already have.
        /// </summary>
        public void DrawFollows(CancellationToken ct)
        {
            var urns = new List<int>[_k];
            for (int k = 0; k < _k; k++)
            {
                urns[k] = new List<int>(_members[k].Length * 4);
                foreach (int v in _members[k])
                    for (int t = CommunityTokens(v); t > 0; t--) urns[k].Add(v);
            }
            var stars = new List<int>();
            for (int v = 0; v < _n; v++)
            {
                int t = _persona[v] switch
                {
                    Persona.Celebrity => 60 + _rng.Next(101),
                    Persona.MacroInfluencer => 20 + _rng.Next(31),
                    _ => 0,
                };
                for (; t > 0; t--) stars.Add(v);
            }
            var inDegree = new int[_n];
            int[] order = Shuffled();
            for (int i = 0; i < _n; i++)
            {
                if ((i & 0x3FFF) == 0) ct.ThrowIfCancellationRequested();
                int u = order[i];
                if (Is(u, AccountTraits.BoughtFollower)) continue; // follows only when bought (BuyFollowers)
                if (Is(u, AccountTraits.Bot))
                {
                    // Bots follow many accounts at random, with no preference and no community.
                    for (int f = 100 + _rng.Next(201); f > 0; f--)
                    {
                        int v = _rng.Next(_n);
                        if (!IsNoise(v)) Follow(u, v);
                    }
                    continue;
                }
                Persona p = _persona[u];
                double rate = p switch { Persona.Lurker => 0.5, Persona.Amplifier => 1.5, _ => 1.0 };
                int starFollows = p == Persona.Celebrity ? _rng.Next(3) : _rng.Count(_c.StarFollowsMean * rate);
                for (int f = 0; f < starFollows && stars.Count > 0; f++)
                {
                    int v = stars[_rng.Next(stars.Count)];
                    if (Follow(u, v)) stars.Add(v);
                }
                if (p == Persona.Celebrity) continue; // one-way: follows a handful of stars, nobody else
                int ordinary = Math.Max(1, LogNormalCount(_c.FollowsMean * rate));
                int home = _community[u];
                for (int f = 0; f < ordinary; f++)
                {
                    if (_rng.Chance(_c.Mixing))
                    {
                        // Mixing follows land anywhere, uniformly: attachment is a community's own dynamic.
                        int w = _rng.Next(_n);
                        if (_community[w] != home && _persona[w] != Persona.Celebrity && !IsNoise(w)) Follow(u, w);
                        continue;
                    }
                    List<int> urn = urns[home];
                    if (urn.Count == 0) continue;
                    for (int attempt = 0; attempt < 3; attempt++)
                    {
                        int v = urn[_rng.Next(urn.Count)];
                        if (!Follow(u, v)) continue;
                        // Attachment saturates: an ordinary account stays ordinary, a micro-influencer mid-size.
                        if (++inDegree[v] < AttachmentCap(v)) urn.Add(v);
                        break;
                    }
                }
            }
        }

        /// <summary>Each followed account follows back at its own rate; micro-influencers mostly their community.</summary>
        public void FollowBack()
        {
            int m = _edgeOrder.Count;
            for (int i = 0; i < m; i++)
            {
                long key = _edgeOrder[i];
                int u = (int)(key >> 32), v = (int)(key & 0xFFFFFFFF);
                if (IsNoise(u) || IsNoise(v)) continue;
                double rate = _followBack[v];
                // A micro-influencer follows back most of its audience, a little less outside its community;
                // ordinary accounts follow back lurkers less (they hardly know them).
                if (_persona[v] == Persona.MicroInfluencer) { if (_community[u] != _community[v]) rate *= 0.8; }
                else if (_persona[u] == Persona.Lurker && _persona[v] is not (Persona.Celebrity or Persona.MacroInfluencer)) rate *= 0.5;
                if (_rng.Chance(rate)) Follow(v, u);
            }
        }

        /// <summary>
        /// Cohorts of fake, inactive accounts that follow one target (a regular account, sometimes a micro-influencer)
        /// and a shared set of other accounts, all within three days. Targets keep their role.
        /// </summary>
        public void BuyFollowers()
        {
            var fakes = new List<int>();
            for (int v = 0; v < _n; v++) if (Is(v, AccountTraits.BoughtFollower)) fakes.Add(v);
            int size = _c.BoughtFollowerCohortSize;
            for (int c = 0; c < _c.BoughtFollowerCohorts && (c + 1) * size <= fakes.Count; c++)
            {
                bool micro = _rng.Chance(0.25);
                int target = -1;
                for (int attempt = 0; attempt < 1000 && target < 0; attempt++)
                {
                    int v = _rng.Next(_n);
                    if (_persona[v] == (micro ? Persona.MicroInfluencer : Persona.Regular) && !IsNoise(v)) target = v;
                }
                if (target < 0) continue;
                _traits[target] |= AccountTraits.BoughtFollowersTarget | AccountTraits.FollowerBuyer;
                var shared = new int[10 + _rng.Next(16)];
                for (int i = 0; i < shared.Length; i++)
                {
                    do shared[i] = _rng.Next(_n); while (IsNoise(shared[i]));
                    _traits[shared[i]] |= AccountTraits.BoughtFollowersTarget;
                }
                long day0 = _start - (30 + _rng.Next(300)) * (long)Day;
                for (int i = c * size; i < (c + 1) * size; i++)
                {
                    int fake = fakes[i];
                    Plant(fake, target, day0);
                    foreach (int s in shared) if (_rng.Chance(0.8)) Plant(fake, s, day0);
                }
            }
        }

        private void Plant(int fake, int v, long day0)
        {
            if (Follow(fake, v)) _plantedSince[Key(fake, v)] = day0 + _rng.Next(3 * Day);
        }
    }
}
