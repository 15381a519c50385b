using System.Runtime.CompilerServices;

namespace Influence.Core;

/// <summary>
/// The range rule of a config's numeric fields, written once for every config that checks ranges: a value outside
/// [min, max], or not finite, throws an <see cref="ArgumentException"/> naming the config, the field, the value and
/// the legal range (<c>AudienceConfig.SpikeZ = 0.5: must be in [1, 1000].</c>). The field is named by the argument
/// itself, so a check cannot name one field and test another.
/// </summary>
internal static class ConfigRules
{
    /// <summary>Throws unless <paramref name="value"/>, a field of a <typeparamref name="TConfig"/>, is finite and in [min, max].</summary>
    public static void InRange<TConfig>(double value, double min, double max,
        [CallerArgumentExpression(nameof(value))] string field = "")
    {
        if (!double.IsFinite(value) || value < min || value > max)
            throw new ArgumentException($"{typeof(TConfig).Name}.{field} = {value}: must be in [{min}, {max}].", field);
    }
}
