namespace Influence.Core.IO;

/// <summary>
/// A binary row format whose reader lives outside Core (Parquet: <c>Influence.Parquet</c>), handed to the code that
/// reads records from files or request bodies (the store importer, the API ingest) by the front end that references it.
/// Its records, row rules (<see cref="RowRules"/>), column names and errors are the text readers' (<see cref="FollowReader"/>,
/// <see cref="InteractionReader"/>); it only differs in how the values are stored.
/// </summary>
public interface IBinaryRowFormat
{
    /// <summary>The format (what <see cref="ReadOptions.Format"/> names it).</summary>
    InputFormat Format { get; }

    /// <summary>True when <paramref name="options"/> name this format, or name none and <paramref name="stream"/> (position kept) holds it.</summary>
    bool Matches(Stream stream, ReadOptions options);

    /// <summary>Follows, lazily, as <see cref="FollowReader.Read"/> gives them. The stream must be seekable.</summary>
    IEnumerable<FollowRecord> ReadFollows(Stream stream, string name, ReadOptions options);

    /// <summary>Unfollows, lazily, as <see cref="FollowReader.ReadUnfollows"/> gives them.</summary>
    IEnumerable<UnfollowRecord> ReadUnfollows(Stream stream, string name, ReadOptions options);

    /// <summary>Interactions, lazily, as <see cref="InteractionReader.Read"/> gives them.</summary>
    IEnumerable<InteractionRecord> ReadInteractions(Stream stream, string name, ReadOptions options);
}
