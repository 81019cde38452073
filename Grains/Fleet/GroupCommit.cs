namespace Kusabi.Grains.Fleet;

/// <summary>
/// Group commit for one grain's state: every change takes a version, and a caller waits until a
/// storage write that began after its change has completed. Changes made while a write is under way
/// share the next write, so N concurrent callers cost about two writes, not N. Not thread-safe: it
/// relies on the grain's single-threaded scheduler, as the grain's state does.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private long _version;
    private long _storedVersion;
    private Task? _write;

    /// <summary>True while some change has not reached storage (e.g. after a failed write).</summary>
    public bool HasUnwritten => _storedVersion < _version;

    /// <summary>Records that the state changed; the returned version is what to wait for.</summary>
    public long Changed() => ++_version;

    /// <summary>Completes once storage holds <paramref name="version"/>; a failed write fails every caller waiting on it.</summary>
    public async Task CommitAsync(long version)
    {
        while (_storedVersion < version)
        {
            if (_write is null || _write.IsCompleted) _write = WriteAsync();
            await _write;
        }
    }

    /// <summary>Writes whatever changed so far.</summary>
    public Task CommitAllAsync() => CommitAsync(_version);

    private async Task WriteAsync()
    {
        var version = _version;
        await write();
        _storedVersion = Math.Max(_storedVersion, version);
    }
}
