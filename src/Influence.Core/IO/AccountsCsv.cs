using System.Runtime.ExceptionServices;
using System.Text;
using Influence.Core.Model;

namespace Influence.Core.IO;

/// <summary>
/// <c>accounts.csv</c>: <see cref="ResultTables.AccountColumns"/> — the id, the CSV metrics, the reasons — one row per
/// account in dense-id order. Rows are built a block at a time on every core (the reasons prose and the figures are
/// nearly all of the cost) while the previous block is written; the text is the same byte for byte as one thread
/// writing row after row.
/// </summary>
public static class AccountsCsv
{
    /// <summary>Accounts whose rows are built together before they are written: ≈25 MB of text.</summary>
    private const int RowBlock = 8192;

    /// <summary>Writes the header and every account's row to <paramref name="writer"/>, reporting the fraction written.</summary>
    public static void Write(TextWriter writer, InfluenceAnalysisResult result, Action<double>? fractionDone = null) =>
        Write(writer, result, fractionDone, RowBlock);

    /// <summary><see cref="Write(TextWriter, InfluenceAnalysisResult, Action{double})"/> in blocks of <paramref name="block"/> rows (tests: many blocks on a small world).</summary>
    internal static void Write(TextWriter writer, InfluenceAnalysisResult result, Action<double>? fractionDone, int block)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(block, 1);
        writer.WriteLine(string.Join(',', ResultTables.AccountColumns));
        AccountMetric[] columns = [.. ResultTables.AccountMetrics];
        string newLine = writer.NewLine;
        int total = result.Accounts.Length;
        Task<StringBuilder[]>? next = total > 0 ? Task.Run(() => Rows(result, columns, newLine, 0, block)) : null;
        for (int start = 0; start < total; start += block)
        {
            StringBuilder[] rows = next!.GetAwaiter().GetResult();
            int following = (int)Math.Min((long)start + block, total);
            next = following < total ? Task.Run(() => Rows(result, columns, newLine, following, block)) : null;
            foreach (StringBuilder piece in rows) writer.Write(piece);
            fractionDone?.Invoke((double)following / total);
        }
    }

    /// <summary>Rows built by one task, in order: few enough pieces to share the cores, each row appended without a string of its own.</summary>
    private const int RowsPerPiece = 256;

    /// <summary>The rows of accounts <paramref name="start"/> .. +<paramref name="block"/>, built in parallel as consecutive pieces.</summary>
    private static StringBuilder[] Rows(InfluenceAnalysisResult result, AccountMetric[] columns, string newLine, int start, int block)
    {
        int count = Math.Min(block, result.Accounts.Length - start);
        var pieces = new StringBuilder[(count + RowsPerPiece - 1) / RowsPerPiece];
        try
        {
            Parallel.For(0, pieces.Length, p =>
            {
                int first = start + p * RowsPerPiece, end = Math.Min(first + RowsPerPiece, start + count);
                var piece = new StringBuilder((end - first) * 3072);
                for (int account = first; account < end; account++)
                {
                    ref readonly AccountMetrics m = ref result.Accounts[account];
                    piece.Append(Csv.Escape(result.AccountIds[account]));
                    for (int c = 0; c < columns.Length; c++) piece.Append(',').Append(columns[c].Format(in m));
                    piece.Append(',').Append(Csv.Escape(ResultTables.Reasons(m, result.Thresholds))).Append(newLine);
                }
                pieces[p] = piece;
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); // the error one thread writing would have met
        }
        return pieces;
    }
}
