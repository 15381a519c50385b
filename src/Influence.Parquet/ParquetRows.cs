using System.Globalization;
using System.Text;
using Influence.Core.IO;
using Influence.Core.Model;

namespace Influence.Parquet;

/// <summary>
/// The rows of one row group as a reader walks them: each value is checked with <see cref="RowRules"/> (the one rule set
/// the text readers use), and a bad row is reported through <see cref="ReadOptions.Report"/> with file, row, row group
/// and column. Ids are checked here and resolved by the caller only once the whole row passed, so a rejected row adds
/// no account.
/// </summary>
internal sealed class ParquetRows(ParquetTable table, ColumnSpec[] specs, ReadOptions options)
{
    private ParquetColumn?[] _columns = [];
    private int _group;
    private long _firstRow;

    public long Rejected { get; private set; }

    /// <summary>Moves to row group <paramref name="group"/> (0-based), whose first row is file row <paramref name="firstRow"/> (0-based).</summary>
    public void Start(ParquetColumn?[] columns, int group, long firstRow)
    {
        _columns = columns;
        _group = group;
        _firstRow = firstRow;
    }

    public ParquetColumn? Column(int spec) => _columns[spec];

    /// <summary>Checks the two id columns at <paramref name="row"/>; the first bad one is rejected and false returned.</summary>
    public bool TryIds(int sourceSpec, int targetSpec, int row) => TryId(sourceSpec, row) && TryId(targetSpec, row);

    private bool TryId(int spec, int row)
    {
        ParquetColumn ids = _columns[spec]!;
        string? reason = ids.Shape == ValueShapes.Integer
            ? ids.IsNull(row) ? RowRules.CheckId(default) : null
            : ids.IdReason(row);
        if (reason is null) return true;
        Reject(spec, row, reason);
        return false;
    }

    /// <summary>The node of the (already checked) id at <paramref name="row"/>.</summary>
    public int Resolve(int spec, int row, IdResolver resolver, ref SpanIdCache.LastKey last)
    {
        ParquetColumn ids = _columns[spec]!;
        return ids.Shape == ValueShapes.Integer ? resolver.Resolve(ids.Integers[row], ref last) : ids.ResolveId(row, resolver.Texts);
    }

    /// <summary>The (already checked) id at <paramref name="row"/> as text: an integer id is its decimal text.</summary>
    public string IdText(int spec, int row)
    {
        ParquetColumn ids = _columns[spec]!;
        return ids.Shape == ValueShapes.Integer ? ids.Integers[row].ToString(CultureInfo.InvariantCulture) : ids.String(row);
    }

    /// <summary>The time at <paramref name="row"/> in Unix seconds (<see cref="InteractionLog.NoTimestamp"/> when absent or null).</summary>
    public bool TryTime(int spec, int row, out long seconds)
    {
        seconds = InteractionLog.NoTimestamp;
        if (_columns[spec] is not { } c || c.IsNull(row)) return true;
        string? reason;
        switch (c.Shape)
        {
            case ValueShapes.Integer:
                seconds = c.Integers[row];
                reason = RowRules.CheckTimestamp(seconds);
                break;
            case ValueShapes.Time:
                seconds = UnixSeconds(c.Times[row]);
                reason = RowRules.CheckTimestamp(seconds);
                break;
            case ValueShapes.Real:
                reason = RowRules.ParseTimestamp(c.Reals[row].ToString("R", CultureInfo.InvariantCulture), out seconds);
                break;
            default:
                reason = RowRules.ParseTimestamp(c.Text(row), out seconds);
                break;
        }
        if (reason is null) return true;
        Reject(spec, row, reason);
        return false;
    }

    /// <summary>Seconds since the Unix epoch, floored (a timestamp without zone is taken as UTC, like ISO text without offset).</summary>
    private static long UnixSeconds(DateTime at)
    {
        long ticks = at.Ticks - DateTime.UnixEpoch.Ticks;
        long seconds = ticks / TimeSpan.TicksPerSecond;
        return ticks % TimeSpan.TicksPerSecond < 0 ? seconds - 1 : seconds;
    }

    /// <summary>A weight at <paramref name="row"/> (1 when absent or null).</summary>
    public bool TryWeight(int spec, int row, out double weight) =>
        TryNumber(spec, row, 1.0, RowRules.CheckWeight, RowRules.ParseWeight, out weight);

    /// <summary>A stance at <paramref name="row"/> (NaN when absent or null).</summary>
    public bool TryStance(int spec, int row, out double stance) =>
        TryNumber(spec, row, double.NaN, RowRules.CheckStance, RowRules.ParseStance, out stance);

    private delegate string? Parse(ReadOnlySpan<char> text, out double value);

    private bool TryNumber(int spec, int row, double absent, Func<double, string?> check, Parse parse, out double value)
    {
        value = absent;
        if (_columns[spec] is not { } c || c.IsNull(row)) return true;
        string? reason = c.Shape switch
        {
            ValueShapes.Real => check(value = c.Reals[row]),
            ValueShapes.Integer => check(value = c.Integers[row]),
            _ => parse(c.Text(row), out value),
        };
        if (reason is null) return true;
        Reject(spec, row, reason);
        return false;
    }

    /// <summary>The interaction kind at <paramref name="row"/> (a null kind is an empty one: refused).</summary>
    public bool TryKind(int spec, int row, out InteractionKind kind)
    {
        if (RowRules.ParseKind(_columns[spec]!.Text(row), out kind) is not { } reason) return true;
        Reject(spec, row, reason);
        return false;
    }

    /// <summary>Reports row <paramref name="row"/> of the current group as bad (strict: throws).</summary>
    public void Reject(int spec, int row, string reason)
    {
        options.Report(new RecordError(table.File, _firstRow + row + 1, spec >= 0 ? table.ColumnName(spec) : null, reason, RowText(row))
        {
            RowGroup = (_group + 1, row + 1),
        });
        Rejected++;
    }

    /// <summary>The row's mapped values as <c>name=value</c> pairs (the Parquet counterpart of a CSV line excerpt).</summary>
    private string RowText(int row)
    {
        var sb = new StringBuilder();
        for (int spec = 0; spec < specs.Length; spec++)
        {
            if (_columns[spec] is not { } c) continue;
            if (sb.Length > 0) sb.Append(", ");
            sb.Append(table.ColumnName(spec)).Append('=').Append(c.Describe(row));
        }
        return RowRules.Excerpt(sb.ToString(), 200);
    }
}
