namespace Influence.Core.Graph;

/// <summary>
/// Rows of (item, value) pairs held as compressed sparse rows over dense ids 0..<see cref="RowCount"/>-1: row r is
/// <c>Items[Offsets[r]..Offsets[r+1])</c> with its values aligned in <see cref="Values"/>. The one shape of the
/// adjacency indexes built beside the graph (engaged audiences, cascade edges), so each slices its rows one way.
/// </summary>
/// <remarks>A struct over three arrays: no copy, no allocation per row; the arrays belong to the builder that made them.</remarks>
public readonly struct CsrRows<TValue>
{
    /// <param name="offsets">Row starts, length rows + 1, non-decreasing, last = <paramref name="items"/>.Length.</param>
    /// <param name="items">Items of every row, row after row.</param>
    /// <param name="values">One value per item, aligned with <paramref name="items"/>.</param>
    public CsrRows(int[] offsets, int[] items, TValue[] values)
    {
        if (offsets.Length == 0 || offsets[^1] != items.Length || values.Length != items.Length)
            throw new ArgumentException($"CSR rows: {offsets.Length} offsets (last {(offsets.Length > 0 ? offsets[^1] : -1)}) do not frame {items.Length} items with {values.Length} values.");
        Offsets = offsets;
        Items = items;
        Values = values;
    }

    public int[] Offsets { get; }
    public int[] Items { get; }
    public TValue[] Values { get; }

    public int RowCount => Offsets.Length - 1;

    /// <summary>Items of all rows together.</summary>
    public int Count => Items.Length;

    public int Length(int row) => Offsets[row + 1] - Offsets[row];

    public ReadOnlySpan<int> Row(int row) => new(Items, Offsets[row], Offsets[row + 1] - Offsets[row]);

    public ReadOnlySpan<TValue> RowValues(int row) => new(Values, Offsets[row], Offsets[row + 1] - Offsets[row]);
}
