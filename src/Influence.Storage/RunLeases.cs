using System.Globalization;

namespace Influence.Storage;

/// <summary>
/// Who owns a run and for how long: a run is registered with its process (<see cref="CurrentOwner"/>) and a
/// lease the owner renews while alive (<see cref="RunHeartbeat"/>). Only a run whose lease expired is failed,
/// by whoever looks next (service start, <c>influence analyze --store</c>, <c>influence runs</c>): a live process's
/// run is never failed by another one, and a killed process's run does not stay "running" forever.
/// </summary>
public static class RunLeases
{
    /// <summary>Environment variable overriding <see cref="Default"/> in seconds (e.g. short leases in crash drills).</summary>
    public const string EnvironmentVariable = "INFLUENCE_RUN_LEASE_SECONDS";

    /// <summary>30 s (renewed every 10 s), or <see cref="EnvironmentVariable"/> when it holds a positive number of seconds.</summary>
    public static TimeSpan Default { get; } = FromEnvironment() ?? TimeSpan.FromSeconds(30);

    /// <summary>This process as a run owner: <c>pid@host</c>.</summary>
    public static string CurrentOwner { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}@{Environment.MachineName}");

    /// <summary>The lease a store was given, checked: it must be positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or less.</exception>
    public static TimeSpan Checked(TimeSpan lease) =>
        lease > TimeSpan.Zero ? lease : throw new ArgumentOutOfRangeException(nameof(lease), lease, "A run lease must be positive.");

    /// <summary>How often an owner renews a lease of <paramref name="lease"/>: a third of it, so two missed renewals are survived.</summary>
    public static TimeSpan RenewalInterval(TimeSpan lease) => lease / 3;

    private static TimeSpan? FromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 && seconds <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}

/// <summary>
/// Renews a run's lease in the background until disposed. When the store says the run failed meanwhile (its
/// lease was lost), <see cref="LostReason"/> is set and <paramref name="onLost"/> is cancelled so the work stops.
/// Other errors (a busy store) are retried at the next tick: the lease has room for two misses.
/// </summary>
public sealed class RunHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private RunHeartbeat(IInfluenceStore store, long runId, CancellationTokenSource onLost)
    {
        _loop = Task.Run(() => LoopAsync(store, runId, onLost));
    }

    /// <summary>Why the lease was lost (the store's message), or null while it holds.</summary>
    public string? LostReason { get; private set; }

    /// <summary>Starts renewing every <see cref="RunLeases.RenewalInterval"/> of the store's lease.</summary>
    public static RunHeartbeat Start(IInfluenceStore store, long runId, CancellationTokenSource onLost)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(onLost);
        return new RunHeartbeat(store, runId, onLost);
    }

    private async Task LoopAsync(IInfluenceStore store, long runId, CancellationTokenSource onLost)
    {
        using var timer = new PeriodicTimer(RunLeases.RenewalInterval(store.RunLease));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await store.RenewRunLeaseAsync(runId, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException)
                {
                    LostReason = ex.Message;
                    await onLost.CancelAsync().ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Transient (store busy or unreachable): the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops renewing (the run completed or failed).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}

/// <summary>
/// A run was failed by another process (its lease had expired, e.g. after this process stalled) while this
/// process still worked on it: the work stopped and its results were not stored.
/// </summary>
public sealed class RunLeaseLostException(string message, Exception? inner = null) : InvalidOperationException(message, inner);

/// <summary>
/// The store's one-run rule: another run holds the claim (it is running and its owner's lease is live), so no run
/// was registered. <see cref="Holder"/> names the run, its owner (<c>pid@host</c>) and until when its lease holds;
/// the claim passes to the next caller once that run ends, or once its lease expires unrenewed (owner crashed).
/// </summary>
public sealed class RunInProgressException(RunInfo holder) : InvalidOperationException(Describe(holder))
{
    /// <summary>The run that holds the claim, as the store recorded it.</summary>
    public RunInfo Holder { get; } = holder;

    private static string Describe(RunInfo holder)
    {
        string lease = holder.LeaseExpiresAt is { } at
            ? " (its lease is renewed while it runs; next expiry " + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + ")"
            : "";
        return $"Run {holder.Id} is in progress in this store, held by {holder.Owner ?? "a process that did not record itself"}{lease}; " +
               "one run at a time per store: start the next one when it ends.";
    }
}
