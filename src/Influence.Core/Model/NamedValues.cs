using System.Runtime.CompilerServices;

namespace Influence.Core.Model;

/// <summary>
/// The names the values of a model enum (role, stage, quadrant) have in files, stores, the CLI and the API,
/// written once in value order: naming, parsing and the lists shown in help and error messages derive from it.
/// </summary>
/// <typeparam name="TEnum">An enum whose values are 0..n-1.</typeparam>
public sealed class NamedValues<TEnum> where TEnum : unmanaged, Enum
{
    private readonly string[] _names;

    /// <param name="names">The name of each value, index = the value; one per defined value.</param>
    /// <exception cref="ArgumentException">Not one name per value of <typeparamref name="TEnum"/>.</exception>
    public NamedValues(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        int count = Enum.GetValues<TEnum>().Length;
        if (names.Length != count)
            throw new ArgumentException($"{typeof(TEnum).Name} has {count} values; {names.Length} names were given.", nameof(names));
        _names = names;
        List = string.Join(", ", names);
    }

    /// <summary>Every name, in value order.</summary>
    public IReadOnlyList<string> All => _names;

    /// <summary>"a, b, c": the accepted names for help texts and error messages.</summary>
    public string List { get; }

    /// <summary>The name of <paramref name="value"/>; an undefined value reads as value 0 (the default: regular, present, neither).</summary>
    public string Name(TEnum value)
    {
        int index = ToIndex(value);
        return (uint)index < (uint)_names.Length ? _names[index] : _names[0];
    }

    /// <summary>The value named <paramref name="text"/> (case-insensitive); false and value 0 for an unknown name.</summary>
    public bool TryParse(string? text, out TEnum value)
    {
        for (int i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                value = FromIndex(i);
                return true;
            }
        }
        value = default;
        return false;
    }

    // The model's enums are bytes; the size switch is resolved when the JIT specialises the type (no boxing).
    private static int ToIndex(TEnum value) => Unsafe.SizeOf<TEnum>() switch
    {
        1 => Unsafe.As<TEnum, byte>(ref value),
        2 => Unsafe.As<TEnum, ushort>(ref value),
        _ => Unsafe.As<TEnum, int>(ref value),
    };

    private static TEnum FromIndex(int index)
    {
        TEnum value = default;
        switch (Unsafe.SizeOf<TEnum>())
        {
            case 1: Unsafe.As<TEnum, byte>(ref value) = (byte)index; break;
            case 2: Unsafe.As<TEnum, ushort>(ref value) = (ushort)index; break;
            default: Unsafe.As<TEnum, int>(ref value) = index; break;
        }
        return value;
    }
}
