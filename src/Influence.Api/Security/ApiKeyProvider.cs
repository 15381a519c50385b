using System.Security.Cryptography;
using System.Text;
using Influence.Api.Options;
using Microsoft.Extensions.Options;

namespace Influence.Api.Security;

/// <summary>
/// Holds the API key. Secure by default: when none is configured, a random key is generated on first
/// start and kept in <c>{DataDirectory}/api-key</c> (owner read/write only), so restarts keep it.
/// </summary>
public sealed class ApiKeyProvider
{
    /// <summary>Name of the generated key file inside the data directory.</summary>
    public const string KeyFileName = "api-key";

    /// <summary>HTTP header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    private readonly byte[] _keyBytes;

    public ApiKeyProvider(IOptions<InfluenceOptions> options)
    {
        InfluenceOptions o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.ApiKey))
        {
            Key = o.ApiKey.Trim();
            Source = "configuration (Influence:ApiKey)";
        }
        else
        {
            string dir = Path.GetFullPath(o.DataDirectory);
            KeyFile = Path.Combine(dir, KeyFileName);
            (Key, bool created) = LoadOrCreate(dir, KeyFile);
            Source = created ? $"generated now, saved in {KeyFile}" : $"read from {KeyFile}";
            Generated = created;
        }
        _keyBytes = Encoding.UTF8.GetBytes(Key);
    }

    /// <summary>The key clients must send in <see cref="HeaderName"/>.</summary>
    public string Key { get; }

    /// <summary>Where the key came from, for the start-up message.</summary>
    public string Source { get; }

    /// <summary>The key file when the key was generated or read from the data directory.</summary>
    public string? KeyFile { get; }

    /// <summary>True when this start generated the key.</summary>
    public bool Generated { get; }

    /// <summary>Constant-time comparison of a presented key with the configured one.</summary>
    public bool IsValid(string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return false;
        int max = Encoding.UTF8.GetMaxByteCount(presented.Length);
        Span<byte> buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        int written = Encoding.UTF8.GetBytes(presented, buffer);
        return CryptographicOperations.FixedTimeEquals(buffer[..written], _keyBytes);
    }

    private static (string Key, bool Created) LoadOrCreate(string dir, string file)
    {
        PrivateFiles.EnsureDirectory(dir);
        if (File.Exists(file))
        {
            string existing = File.ReadAllText(file).Trim();
            if (existing.Length >= 16) return (existing, false);
            throw new InvalidOperationException(
                $"API key file {file} holds fewer than 16 characters; put a longer key in it or delete it to generate a new one.");
        }
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        // Another process may create it between our check and our write: then theirs stands.
        return PrivateFiles.TryCreate(file, key + Environment.NewLine) ? (key, true) : (File.ReadAllText(file).Trim(), false);
    }
}
