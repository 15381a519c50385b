using Influence.Core.Graph;

namespace Influence.Core.Audience;

/// <summary>
/// One growth spike of an account: adjacent days whose new followers stand out from the trailing window, and the cohort
/// that arrived in them, with the figures that tell a purchase from a viral moment.
/// </summary>
/// <param name="Account">Dense id of the followed account.</param>
/// <param name="FirstDay">First day of the spike (days since the Unix epoch).</param>
/// <param name="LastDay">Last day of the spike.</param>
/// <param name="NewFollowers">Followers that arrived from <paramref name="FirstDay"/> to <paramref name="LastDay"/>: the cohort.</param>
/// <param name="PeakZ">Highest robust z-score of its days: (count − median) ÷ max(1.4826 × MAD, 1) over the trailing window.</param>
/// <param name="InactiveShare">Share of the cohort that never engaged with anyone.</param>
/// <param name="MassFollowingShare">Share of the cohort that are mass followers.</param>
/// <param name="NewAccountShare">Share of the cohort whose first follow came at most NewAccountDays before this one.</param>
/// <param name="EngagedShare">Share of the cohort that engaged with the account (a viral moment's cohort does).</param>
/// <param name="FolloweeJaccard">Mean pairwise Jaccard similarity of the (sampled) cohort's followee sets, the account left out.</param>
/// <param name="LockstepTimeShare">CopyCatch: of the cohort's follows of its common followees, the share made within the window of following the account.</param>
/// <param name="CommonFollowees">Accounts (besides this one) followed by at least half of the sampled cohort.</param>
/// <param name="SuspectedFakes">Cohort members flagged as suspected fakes (0 unless <paramref name="Suspicious"/>).</param>
/// <param name="Suspicious">Lockstep (Jaccard ≥ LockstepJaccard or time share ≥ LockstepTimeShare), purchase-like (inactive,
/// new or mass-following share at its bound) and not engaging with the account (engaged share &lt; OrganicEngagedShare).</param>
public readonly record struct GrowthSpike(int Account, int FirstDay, int LastDay, int NewFollowers, double PeakZ,
    double InactiveShare, double MassFollowingShare, double NewAccountShare, double EngagedShare, double FolloweeJaccard, double LockstepTimeShare,
    int CommonFollowees, int SuspectedFakes, bool Suspicious);

/// <summary>Finds the growth spikes of one account and judges their cohorts; one instance per worker (reused buffers, no per-edge allocation).</summary>
internal sealed class GrowthSpikeFinder(AudienceContext context)
{
    private readonly AudienceConfig _config = context.Config;
    private int[] _days = new int[256];
    private int[] _runDay = new int[64], _runCount = new int[64];
    private readonly double[] _window = new double[context.Config.TrailingDays];
    private readonly List<(int First, int Last, double Z)> _candidates = new();
    private int[] _runPrefix = new int[65];
    private readonly List<int> _members = new(), _memberSince = new(), _sample = new(), _common = new();
    private readonly Dictionary<int, int> _followeeCounts = new();
    private byte[] _signals = new byte[64];

    /// <summary>Daily new followers of <paramref name="account"/> (known times only), ascending by day; the buffer is reused.</summary>
    public (int[] Days, int[] Counts, int Runs) DailyFollows(int account)
    {
        ReadOnlySpan<int> since = context.Follows.InSince(account);
        if (_days.Length < since.Length) _days = new int[Math.Max(since.Length, 2 * _days.Length)];
        int k = 0;
        foreach (int s in since) if (s != FollowTimes.Unknown) _days[k++] = FollowTimes.Day(s);
        Span<int> days = _days.AsSpan(0, k);
        days.Sort();
        int runs = 0;
        for (int i = 0; i < k; i++)
        {
            if (runs > 0 && _runDay[runs - 1] == days[i]) { _runCount[runs - 1]++; continue; }
            if (runs == _runDay.Length)
            {
                Array.Resize(ref _runDay, 2 * runs);
                Array.Resize(ref _runCount, 2 * runs);
            }
            _runDay[runs] = days[i];
            _runCount[runs++] = 1;
        }
        return (_runDay, _runCount, runs);
    }

    /// <summary>
    /// Appends the spikes of <paramref name="account"/> to <paramref name="output"/>; marks suspected fakes of suspicious
    /// cohorts in <paramref name="suspectedFake"/> (when given). Returns how many followers arrived in suspicious spikes.
    /// </summary>
    /// <remarks>
    /// Two scales: a day whose new followers stand out from the trailing days, and a <c>BurstDays</c> window whose sum stands
    /// out from the trailing windows' sums (a purchase delivered slowly to a small account shows only there). Overlapping or
    /// adjacent (one quiet day between) flagged stretches are one spike.
    /// </remarks>
    public int Find(int account, List<GrowthSpike> output, bool[]? suspectedFake)
    {
        if (!context.HasFollowTimes || context.Follows.InDegree(account) < _config.MinSpikeFollowers) return 0;
        (int[] runDay, int[] runCount, int runs) = DailyFollows(account);
        if (_runPrefix.Length < runs + 1) _runPrefix = new int[Math.Max(runs + 1, 2 * _runPrefix.Length)];
        _runPrefix[0] = 0;
        for (int i = 0; i < runs; i++) _runPrefix[i + 1] = _runPrefix[i] + runCount[i];
        int burst = _config.BurstDays;
        _candidates.Clear();
        for (int i = 0; i < runs; i++)
        {
            int day = runDay[i];
            if (runCount[i] >= _config.MinSpikeDayFollowers)
            {
                double z = RobustZ(runs, day, 1);
                if (z >= _config.SpikeZ) _candidates.Add((day, day, z));
            }
            if (burst > 1 && CountIn(runs, day - burst + 1, day) >= _config.MinSpikeFollowers)
            {
                double z = RobustZ(runs, day, burst);
                if (z >= _config.SpikeZ) _candidates.Add((BurstStart(runs, i, burst), day, z));
            }
        }
        _candidates.Sort();
        int suspiciousFollowers = 0, c = 0;
        while (c < _candidates.Count)
        {
            int first = _candidates[c].First, last = _candidates[c].Last, end = c + 1;
            double peak = _candidates[c].Z;
            while (end < _candidates.Count && _candidates[end].First - last <= 2)
            {
                last = Math.Max(last, _candidates[end].Last);
                peak = Math.Max(peak, _candidates[end].Z);
                end++;
            }
            c = end;
            if (CountIn(runs, first, last) < _config.MinSpikeFollowers) continue;
            GrowthSpike spike = JudgeCohort(account, first, last, peak, suspectedFake);
            if (spike.Suspicious) suspiciousFollowers += spike.NewFollowers;
            output.Add(spike);
        }
        return suspiciousFollowers;
    }

    /// <summary>New followers from day <paramref name="from"/> to <paramref name="to"/> (inclusive), by binary search over the day runs.</summary>
    private int CountIn(int runs, int from, int to)
    {
        if (to < from) return 0;
        return _runPrefix[UpperBound(runs, to)] - _runPrefix[UpperBound(runs, from - 1)];
    }

    /// <summary>
    /// First day of the burst ending at run <paramref name="last"/>: the window's first day with new followers, after leading
    /// days that carry less than half the window's mean daily rate (an old follower a few days before is not in the cohort).
    /// </summary>
    private int BurstStart(int runs, int last, int burst)
    {
        int day = _runDay[last];
        int sum = CountIn(runs, day - burst + 1, day);
        int minimum = Math.Max(1, (int)Math.Ceiling(sum / (2.0 * burst)));
        int i = UpperBound(runs, day - burst);
        while (i < last && _runCount[i] < minimum) i++;
        return _runDay[i];
    }

    /// <summary>Number of runs whose day is ≤ <paramref name="day"/>.</summary>
    private int UpperBound(int runs, int day)
    {
        int lo = 0, hi = runs;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_runDay[mid] <= day) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// (sum − median) ÷ max(1.4826 × MAD, 1): the new followers of the <paramref name="scale"/> days ending on <paramref name="day"/>
    /// against the same sums ending on each of the <c>TrailingDays</c> days before that stretch (quiet days count 0).
    /// </summary>
    private double RobustZ(int runs, int day, int scale)
    {
        Span<double> window = _window;
        for (int j = 0; j < window.Length; j++)
        {
            int end = day - scale - j;
            window[j] = CountIn(runs, end - scale + 1, end);
        }
        window.Sort();
        double median = Median(window);
        for (int j = 0; j < window.Length; j++) window[j] = Math.Abs(window[j] - median);
        window.Sort();
        double spread = Math.Max(1.4826 * Median(window), 1.0);
        return (CountIn(runs, day - scale + 1, day) - median) / spread;
    }

    private static double Median(ReadOnlySpan<double> sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);

    /// <summary>Followers of <paramref name="account"/> that arrived from day <paramref name="first"/> to <paramref name="last"/> (dense ids, into <paramref name="members"/>).</summary>
    public void Cohort(int account, int first, int last, List<int> members, List<int> memberSince)
    {
        members.Clear();
        memberSince.Clear();
        ReadOnlySpan<int> followers = context.Follows.InNeighbors(account), since = context.Follows.InSince(account);
        for (int j = 0; j < followers.Length; j++)
        {
            if (since[j] == FollowTimes.Unknown) continue;
            int day = FollowTimes.Day(since[j]);
            if (day < first || day > last) continue;
            members.Add(followers[j]);
            memberSince.Add(since[j]);
        }
    }

    // One method on purpose: the cohort's members, its lockstep (Jaccard and CopyCatch), its shares and the verdict read as one judgement.
    private GrowthSpike JudgeCohort(int account, int first, int last, double peakZ, bool[]? suspectedFake)
    {
        Cohort(account, first, last, _members, _memberSince);
        int size = _members.Count;
        double jaccard = SampleLockstep(account);
        double timeShare = CopyCatchTimeShare();

        // Per member: the four signs of a bought follower, and whether it engaged with this account (a viral moment's mark).
        int inactive = 0, mass = 0, fresh = 0, engaged = 0;
        if (_signals.Length < size) _signals = new byte[Math.Max(size, 2 * _signals.Length)];
        for (int i = 0; i < size; i++)
        {
            int u = _members[i];
            byte signals = 0;
            if (!context.Active[u]) { inactive++; signals++; }
            if (context.IsMassFollower(u)) { mass++; signals++; }
            if (IsNew(u, _memberSince[i])) { fresh++; signals++; }
            if (FollowsCommon(u)) signals++;
            bool engagedAccount = context.Interactions.HasEdge(u, account);
            if (engagedAccount) engaged++;
            _signals[i] = engagedAccount ? (byte)0 : signals;
        }
        double inactiveShare = (double)inactive / size, massShare = (double)mass / size, newShare = (double)fresh / size;
        double engagedShare = (double)engaged / size;
        bool lockstep = jaccard >= _config.LockstepJaccard || timeShare >= _config.LockstepTimeShare;
        bool purchaseLike = inactiveShare >= _config.SuspiciousInactiveShare || newShare >= _config.SuspiciousNewShare
            || massShare >= _config.SuspiciousMassShare;
        bool suspicious = lockstep && purchaseLike && engagedShare < _config.OrganicEngagedShare;
        int suspected = 0;
        if (suspicious)
        {
            // A suspected fake did not engage with the account and shows two signs (inactive, new, mass following, lockstep):
            // an old, quiet follower who happened to arrive the same days shows one.
            for (int i = 0; i < size; i++)
            {
                if (_signals[i] < 2) continue;
                suspected++;
                if (suspectedFake is not null) suspectedFake[_members[i]] = true;
            }
        }
        return new GrowthSpike(account, first, last, size, peakZ, inactiveShare, massShare, newShare, engagedShare,
            jaccard, timeShare, _common.Count, suspected, suspicious);
    }

    /// <summary>
    /// Mean pairwise Jaccard of the followee sets of an evenly spaced sample of the cohort (the account left out), and the
    /// common followees: accounts followed by at least half of the sample (into <c>_common</c>, ascending).
    /// </summary>
    private double SampleLockstep(int account)
    {
        DirectedGraph follows = context.Follows;
        int size = _members.Count;
        _sample.Clear();
        int s = Math.Min(size, _config.CohortSample);
        for (int i = 0; i < s; i++) _sample.Add((int)((long)i * size / s));
        double jaccardSum = 0;
        long pairs = 0;
        _followeeCounts.Clear();
        for (int a = 0; a < s; a++)
        {
            ReadOnlySpan<int> na = follows.OutNeighbors(_members[_sample[a]]);
            foreach (int w in na) if (w != account) System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_followeeCounts, w, out _)++;
            for (int b = a + 1; b < s; b++)
            {
                ReadOnlySpan<int> nb = follows.OutNeighbors(_members[_sample[b]]);
                // Both follow the account itself: leave it out of the intersection and the union.
                int inter = SortedSpans.CountIntersection(na, nb) - 1, union = na.Length + nb.Length - inter - 2;
                jaccardSum += union > 0 ? (double)inter / union : 0;
                pairs++;
            }
        }
        _common.Clear();
        int quorum = Math.Max(2, (s + 1) / 2);
        foreach (var (w, count) in _followeeCounts) if (count >= quorum) _common.Add(w);
        _common.Sort();
        return pairs > 0 ? jaccardSum / pairs : 0;
    }

    /// <summary>
    /// CopyCatch (Beutel et al. 2013): of the follows (with a known time) that sampled members made of the cohort's common
    /// followees, the share made within LockstepWindowDays of following the account. 0 without such follows.
    /// </summary>
    private double CopyCatchTimeShare()
    {
        if (_common.Count == 0 || _sample.Count == 0) return 0;
        long inWindow = 0, timed = 0;
        long windowMinutes = (long)_config.LockstepWindowDays * FollowTimes.MinutesPerDay;
        foreach (int i in _sample)
        {
            int u = _members[i];
            foreach (int w in _common)
            {
                int t = context.Follows.SinceOf(u, w);
                if (t == FollowTimes.Unknown) continue;
                timed++;
                if (Math.Abs((long)t - _memberSince[i]) <= windowMinutes) inWindow++;
            }
        }
        return timed == 0 ? 0 : (double)inWindow / timed;
    }

    /// <summary>In lockstep itself: follows at least half of the cohort's common followees.</summary>
    private bool FollowsCommon(int account)
    {
        if (_common.Count == 0) return false;
        ReadOnlySpan<int> followees = context.Follows.OutNeighbors(account);
        int shared = 0;
        foreach (int w in _common) if (followees.BinarySearch(w) >= 0) shared++;
        return 2 * shared >= _common.Count;
    }

    /// <summary>A very new account: its first follow came at most NewAccountDays before <paramref name="followedAt"/>.</summary>
    private bool IsNew(int account, int followedAt)
    {
        int firstFollow = context.FirstFollow[account];
        return firstFollow != FollowTimes.Unknown && (long)followedAt - firstFollow <= (long)_config.NewAccountDays * FollowTimes.MinutesPerDay;
    }
}
