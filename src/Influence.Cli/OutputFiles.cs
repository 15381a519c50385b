using System.Globalization;
using System.Text;
using Influence.Core.IO;

namespace Influence.Cli;

/// <summary>
/// A set of output files written all-or-nothing: each is written to a private temporary folder, and
/// only <see cref="Commit"/> creates the output folders and moves the files into place. Disposing
/// without committing deletes the temporaries, so a failed command leaves no output at all (not even
/// an empty output folder).
/// </summary>
public sealed class OutputFiles : IDisposable
{
    private readonly List<(string Temp, string Final)> _files = [];
    private readonly string _tempDirectory = Path.Combine(Path.GetTempPath(), $"influence-out-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>Opens a UTF-8 (no BOM) writer for <paramref name="finalPath"/>, really writing a temporary file.</summary>
    public StreamWriter Create(string finalPath) => new(TempPathFor(finalPath), append: false, new UTF8Encoding(false), 1 << 16);

    private string TempPathFor(string finalPath)
    {
        string full = Path.GetFullPath(finalPath);
        Directory.CreateDirectory(_tempDirectory);
        string temp = Path.Combine(_tempDirectory, $"{_files.Count}-{Path.GetFileName(full)}");
        _files.Add((temp, full));
        return temp;
    }

    /// <summary>Opens a binary stream for <paramref name="finalPath"/> (e.g. a Parquet file), really writing a temporary file.</summary>
    public FileStream CreateBinary(string finalPath) => new(TempPathFor(finalPath), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);

    /// <summary>Final paths, in creation order.</summary>
    public IReadOnlyList<string> Paths => _files.Select(f => f.Final).ToList();

    /// <summary>Moves every file into place (replacing older outputs).</summary>
    public void Commit()
    {
        foreach (var (temp, final) in _files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(temp, final, overwrite: true);
        }
        Dispose();
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_tempDirectory)) Directory.Delete(_tempDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover folder under the system temp directory is harmless.
        }
    }
}

/// <summary>
/// Bad rows of a <c>--skip-invalid</c> read, as CSV under <see cref="RecordError.CsvHeader"/>, written through
/// <see cref="OutputFiles"/> so the file only appears when the command succeeds.
/// </summary>
public sealed class RejectsFile : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    public RejectsFile(OutputFiles outputs, string path)
    {
        Path = path;
        _writer = outputs.Create(path);
        _writer.WriteLine(RecordError.CsvHeader);
    }

    public string Path { get; }

    public long Count { get; private set; }

    /// <summary>Appends one rejected row (thread-safe).</summary>
    public void Add(RecordError error)
    {
        lock (_lock)
        {
            Count++;
            _writer.WriteLine(error.ToCsvRow());
        }
    }

    public void Dispose() => _writer.Dispose();
}
