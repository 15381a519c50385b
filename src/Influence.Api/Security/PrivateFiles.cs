namespace Influence.Api.Security;

/// <summary>
/// The service's own files (store, API key) are readable by its user only: the data directory is created 0700 and
/// the files 0600. Files and folders that already exist keep their mode (the operator may have chosen it).
/// </summary>
public static class PrivateFiles
{
    /// <summary>Owner read/write: the mode of the store file and the key file.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read/write/search: the mode of a data directory the service creates.</summary>
    public const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="directory"/> (0700) when missing; returns its full path.</summary>
    public static string EnsureDirectory(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (Directory.Exists(full)) return full;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(full);
        else Directory.CreateDirectory(full, DirectoryMode);
        return full;
    }

    /// <summary>Creates <paramref name="path"/> empty with mode 0600 when missing (SQLite takes an empty file as an
    /// empty database and gives its -wal/-shm files the same mode).</summary>
    public static void EnsureFile(string path)
    {
        if (File.Exists(path)) return;
        var create = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = FileMode;
        try
        {
            using var stream = new FileStream(path, create);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it meanwhile: theirs stands.
        }
    }

    /// <summary>Writes <paramref name="text"/> to a new file of mode 0600; false when the file already exists.</summary>
    public static bool TryCreate(string path, string text)
    {
        var create = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = FileMode;
        try
        {
            using var stream = new FileStream(path, create);
            using var writer = new StreamWriter(stream);
            writer.Write(text);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }
}
