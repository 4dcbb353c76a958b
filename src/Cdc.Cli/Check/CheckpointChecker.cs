using System.Globalization;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Source;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdc.Cli.Check;

/// <summary>
/// The checkpoint area of `cdc check`: the store opens and its checkpoint loads (the stored position and its age, or
/// where the first start begins), it accepts a write without the pipeline's checkpoint being touched
/// (<see cref="ICheckpointStore.ProbeWriteAsync"/>), and the change stream still opens at the stored position.
/// </summary>
internal sealed class CheckpointChecker
{
    private readonly CdcOptions _options;
    private readonly TimeSpan _limit;
    private readonly MongoDbChecker _mongo;
    private readonly TimeProvider _time;

    public CheckpointChecker(CdcOptions options, TimeSpan limit, MongoDbChecker mongo, TimeProvider time)
    {
        _options = options;
        _limit = limit;
        _mongo = mongo;
        _time = time;
    }

    public void Run(CheckReport report)
    {
        var area = CheckAreas.Checkpoint;
        ICheckpointStore store;
        try
        {
            store = CheckpointStoreFactory.Create(_options, NullLoggerFactory.Instance, _mongo.Connection, _limit);
        }
        catch (Exception ex) when (ex is CheckpointStoreException or DllNotFoundException)
        {
            report.Add(CheckResult.Fail(area, "readable", ex.Message, "correct the checkpoint.* settings"));
            return;
        }

        using (store)
        {
            StoredCheckpoint? stored;
            try
            {
                stored = Bounded(() => store.LoadAsync(CancellationToken.None));
            }
            catch (CheckpointStoreException ex)
            {
                report.Add(CheckResult.Fail(area, "readable", ex.Message, "see the message; `cdc run` would stop the same way"));
                return;
            }
            catch (TimeoutException ex)
            {
                report.Add(CheckResult.Fail(area, "readable", $"{store.Description}: {ex.Message}", "check that the store's endpoint is up and reachable from here"));
                return;
            }
            catch (ArgumentException ex)
            {
                report.Add(CheckResult.Fail(area, "readable", $"{store.Description}: {ex.Message}", "correct the connection settings under kafka.producer"));
                return;
            }

            report.Add(CheckResult.Pass(area, "readable", Describe(store, stored)));
            report.Add(CheckResult.Pass(area, "snapshot", SnapshotState(stored)));
            try
            {
                Bounded<bool>(async () =>
                {
                    await store.ProbeWriteAsync(CancellationToken.None);
                    return true;
                });
                report.Add(CheckResult.Pass(area, "writable", $"wrote and removed a probe beside the checkpoint in {store.Description}; the checkpoint itself was not touched"));
            }
            catch (Exception ex) when (ex is CheckpointStoreException or TimeoutException or ArgumentException)
            {
                report.Add(CheckResult.Fail(area, "writable", ex is CheckpointStoreException ? ex.Message : $"{store.Description}: {ex.Message}", "make the store writable for this process (permissions, ACLs, roles), or change checkpoint.*"));
            }

            CheckResumable(report, stored);
        }
    }

    /// <summary>What the next start does about existing documents: snapshot, continue one, or changes only (docs/snapshots.md).</summary>
    private string SnapshotState(StoredCheckpoint? stored)
    {
        var mode = ConfigurationSchema.WordOf(_options.Snapshot.Mode);
        var progress = stored?.Snapshot;
        if (stored is null)
        {
            return _options.Snapshot.Mode == SnapshotMode.Never
                ? "no checkpoint and snapshot.mode never: the first start publishes changes only"
                : $"no checkpoint: the first start snapshots every collection in scope (snapshot.mode {mode})";
        }

        if (progress is null)
        {
            return "the checkpoint holds no snapshot: only changes are published";
        }

        var rows = progress.Collections.Sum(c => c.Rows).ToString("N0", CultureInfo.InvariantCulture);
        if (progress.IsComplete)
        {
            return $"the snapshot of {progress.Collections.Count} collection(s) is complete ({rows} rows)";
        }

        var collections = string.Join(
            ", ",
            progress.Collections.Select(c => $"{c.Namespace} {(c.Done ? "done" : c.LastId is null ? "not started" : "in progress")} ({c.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows)"));
        return $"a snapshot is in progress: {progress.Remaining} of {progress.Collections.Count} collection(s) left, {rows} rows so far; the next start continues after each collection's last acknowledged chunk: {collections}";
    }

    private void CheckResumable(CheckReport report, StoredCheckpoint? stored)
    {
        ResumePosition position;
        string words;
        if (stored is not null)
        {
            position = stored.Position;
            words = "the stored " + position.Describe();
        }
        else if (ResumePosition.FromConfigured(ConfiguredStart.Parse(_options.MongoDb.StartAt)) is { } configured)
        {
            position = configured;
            words = $"mongodb.startAt={_options.MongoDb.StartAt}";
        }
        else
        {
            return;
        }

        if (!_mongo.Usable)
        {
            report.Add(CheckResult.Warn(CheckAreas.Checkpoint, ResumeRules.Name, $"not checked: MongoDB did not answer or cannot run change streams, so {words} could not be tried", "fix the mongodb checks above, then run cdc check again"));
            return;
        }

        report.Add(ResumeRules.Evaluate(_mongo.TryOpenAt(position), words, _options));
    }

    private string Describe(ICheckpointStore store, StoredCheckpoint? stored)
    {
        if (stored is null)
        {
            var start = _options.MongoDb.StartAt == "latest" ? "now (mongodb.startAt=latest)" : $"mongodb.startAt={_options.MongoDb.StartAt}";
            return $"{store.Description}: none yet: will start at {start}";
        }

        var age = AgeText.Format(_time.GetUtcNow() - stored.CommittedAt);
        var at = stored.CommittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"{store.Description}: {stored.Position.Describe()}, committed {at} ({age})";
    }

    private T Bounded<T>(Func<Task<T>> work) => BoundedCall.Run(() => work().GetAwaiter().GetResult(), _limit + TimeSpan.FromSeconds(2));
}
