namespace Influence.Core.Synthetic;

/// <summary>xoshiro256** seeded through SplitMix64: fast, and the same sequence on every platform and .NET version.</summary>
internal struct FastRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public FastRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, max).</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)((NextUInt64() >> 32) * (ulong)max >> 32);

    /// <summary>Uniform in [min, max] inclusive.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A count with the given mean: floor(mean) plus one more with probability frac(mean), ±1 jitter.</summary>
    public int Count(double mean)
    {
        if (mean <= 0) return 0;
        int whole = (int)mean;
        int k = whole + (Chance(mean - whole) ? 1 : 0);
        if (k > 1)
        {
            double r = NextDouble();
            if (r < 0.25) k--;
            else if (r > 0.75) k++;
        }
        return k;
    }
}
