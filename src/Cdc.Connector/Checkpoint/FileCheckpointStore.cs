using Cdc.Connector.Source;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// The checkpoint as one JSON file. Save writes a temporary file next to it, fsyncs it, renames it over the target
/// (atomic on POSIX and NTFS) and fsyncs the directory: after a crash the file holds the old or the new checkpoint,
/// never a mix. Temporary files a crash left behind are never read and are removed at the next load.
/// <para>
/// One writer: `cdc run` holds an exclusive OS lock (flock on POSIX) on "&lt;path&gt;.lock" for its whole life, so a
/// second instance on the same file fails at start. The kernel drops the lock when the process ends, however it ends
/// (kill -9 included), so there is never a stale lock to clean up. Who holds it is written to "&lt;path&gt;.holder"
/// for the refused instance's message: a separate file because the locked one cannot be read beside an exclusive lock.
/// </para>
/// </summary>
internal sealed class FileCheckpointStore : ICheckpointStore, ISnapshotRequestChannel
{
    private const string TemporarySuffix = ".tmp";

    // What an open of a file another process has locked fails with: EWOULDBLOCK on POSIX, ERROR_SHARING_VIOLATION on Windows.
    private const int WouldBlock = 11;
    private const int SharingViolation = unchecked((int)0x80070020);
    private readonly string _path;
    private readonly string _directory;
    private readonly string _pipeline;
    private readonly CheckpointLocation _location;
    private readonly bool _removeLeftovers;
    private FileStream? _writerLock;

    public FileCheckpointStore(string path, string pipeline)
        : this(path, pipeline, removeLeftovers: true)
    {
    }

    /// <param name="path">The checkpoint file.</param>
    /// <param name="pipeline">pipeline.name, checked against the file's content.</param>
    /// <param name="removeLeftovers">
    /// False for a reader beside a running connector (`cdc check`): a temporary file may then be that connector's save
    /// in progress, and removing it would make the save fail.
    /// </param>
    public FileCheckpointStore(string path, string pipeline, bool removeLeftovers)
    {
        _removeLeftovers = removeLeftovers;
        _path = Path.GetFullPath(path);
        _directory = Path.GetDirectoryName(_path) ?? throw new CheckpointStoreException($"The checkpoint path '{path}' names no file: set 'checkpoint.path' to a file such as /var/lib/cdc/{pipeline}.json.");
        _pipeline = pipeline;
        Description = "file " + _path;
        _location = new CheckpointLocation(Description, "delete the file to start from mongodb.startAt, losing the position (or restore it from a backup)");
    }

    public string Description { get; }

    public Task<StoredCheckpoint?> LoadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_removeLeftovers)
        {
            RemoveLeftoverTemporaryFiles();
        }

        var content = ReadIfPresent(_path, $"the checkpoint {Description}", " Check that it is a regular file this process may read, or change 'checkpoint.path'.");
        return Task.FromResult(content is null ? null : CheckpointCodec.Decode(content, _pipeline, _location));
    }

    public Task ClaimWriterAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var lockPath = _path + ".lock";
        var holderPath = _path + ".holder";
        try
        {
            Directory.CreateDirectory(_directory);
            _writerLock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException ex) when (ex.HResult is WouldBlock or SharingViolation)
        {
            var holder = ReadHolder(holderPath);
            throw new CheckpointStoreException(
                $"Another cdc run holds pipeline '{_pipeline}' ({holder}): it has the lock {lockPath}. Stop it first, or give this one "
                + "its own pipeline.name and checkpoint.path. The lock goes with that process, however it ends.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointStoreException($"Cannot lock {lockPath} to be the one writer of pipeline '{_pipeline}': {ex.Message} Check that the directory of 'checkpoint.path' is writable by this process.", ex);
        }

        try
        {
            File.WriteAllText(holderPath, WriterIdentity.Describe(DateTimeOffset.UtcNow) + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a refused instance's message reads it; the lock alone keeps out a second writer.
        }

        return Task.CompletedTask;
    }

    public Task SaveAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var content = CheckpointCodec.Encode(checkpoint);
        try
        {
            WriteAtomically(_path, content, TemporaryPathFor(Guid.NewGuid()));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointStoreException($"Cannot write the checkpoint {Description}: {ex.Message} Check that its directory is writable by this process and has space, or change 'checkpoint.path'.", ex);
        }

        return Task.CompletedTask;
    }

    public Task ProbeWriteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Not the temporary-file pattern: a connector starting meanwhile must not take the probe for its own leftover.
        var probe = Path.Combine(_directory, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.probe");
        try
        {
            Directory.CreateDirectory(_directory);
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
            {
                stream.Write("{}"u8);
                stream.Flush(flushToDisk: true);
            }

            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(probe);
            throw new CheckpointStoreException($"Cannot write beside the checkpoint {Description}: {ex.Message} Check that its directory is writable by this process and has space, or change 'checkpoint.path'.", ex);
        }

        return Task.CompletedTask;
    }

    /// <summary>The request is the file "&lt;path&gt;.snapshot-request", written as atomically as the checkpoint.</summary>
    public Task SendAsync(SnapshotRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var content = SnapshotRequestCodec.Encode(_pipeline, request);
        try
        {
            // Not the checkpoint's temporary pattern: a starting connector removes those as its own leftovers.
            WriteAtomically(RequestPath, content, Path.Combine(_directory, $".{Path.GetFileName(RequestPath)}.{Guid.NewGuid():N}.part"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointStoreException($"Cannot write the snapshot request {RequestPath}: {ex.Message} Check that the checkpoint's directory is writable by this user.", ex);
        }

        return Task.CompletedTask;
    }

    public Task<SnapshotRequest?> ReceiveAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var content = ReadIfPresent(RequestPath, $"the snapshot request {RequestPath}", string.Empty);
        return Task.FromResult(content is null ? null : SnapshotRequestCodec.Decode(content, _pipeline, "file " + RequestPath));
    }

    public async Task AcknowledgeAsync(SnapshotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (current?.Id != request.Id)
        {
            return; // gone already, or replaced by a newer request that still waits
        }

        try
        {
            File.Delete(RequestPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointStoreException($"Cannot remove the accepted snapshot request {RequestPath}: {ex.Message}", ex);
        }

        DirectorySync.TryFlush(_directory);
    }

    private string RequestPath => _path + ".snapshot-request";

    /// <summary>Releases the writer lock (the file stays: removing it could race a starting instance that opened it).</summary>
    public void Dispose()
    {
        _writerLock?.Dispose();
        _writerLock = null;
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="partial"/>, fsyncs it, renames it over <paramref name="target"/>
    /// and fsyncs the directory: after a crash the target holds the old or the new content, never a mix.
    /// </summary>
    private void WriteAtomically(string target, byte[] content, string partial)
    {
        try
        {
            Directory.CreateDirectory(_directory);
            using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(partial, target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(partial);
            throw;
        }

        DirectorySync.TryFlush(_directory);
    }

    /// <summary>The file's bytes, or null when it (or its directory) does not exist; other failures name <paramref name="what"/>.</summary>
    private static byte[]? ReadIfPresent(string path, string what, string fix)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointStoreException($"Cannot read {what}: {ex.Message}{fix}", ex);
        }
    }

    private static string ReadHolder(string holderPath)
    {
        try
        {
            var text = File.ReadAllText(holderPath).Trim();
            return text.Length == 0 ? "holder unknown" : text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "holder unknown";
        }
    }

    // ".orders.json.<guid>.tmp": hidden, beside the target (a rename across file systems would not be atomic).
    private string TemporaryPathFor(Guid id) => Path.Combine(_directory, $".{Path.GetFileName(_path)}.{id:N}{TemporarySuffix}");

    private void RemoveLeftoverTemporaryFiles()
    {
        if (!Directory.Exists(_directory))
        {
            return;
        }

        try
        {
            foreach (var leftover in Directory.EnumerateFiles(_directory, $".{Path.GetFileName(_path)}.*{TemporarySuffix}"))
            {
                TryDelete(leftover);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Leftovers are never read; failing to list them must not stop a start.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next load tries again.
        }
    }
}
