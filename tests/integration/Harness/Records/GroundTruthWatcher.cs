using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cdc.Integration.Tests;

/// <summary>
/// The official Node.js driver's change stream (tests/js/it/watch.mjs) recording every source event of a scope from
/// the moment <c>StartAsync</c> returns; <see cref="StopAsync"/> drains the stream and returns the events in order.
/// </summary>
internal sealed class GroundTruthWatcher : IDisposable
{
    private readonly List<SourceEvent> _events = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BackgroundNodeScript? _script;

    private GroundTruthWatcher()
    {
    }

    public int Count
    {
        get { lock (_events) { return _events.Count; } }
    }

    /// <summary>
    /// Opens the watch (cluster | database | collection scope; at cluster scope only <paramref name="databases"/>; with
    /// <paramref name="showExpandedEvents"/> also create, createIndexes … events) and returns once every later write will be seen.
    /// </summary>
    public static Task<GroundTruthWatcher> StartAsync(
        ItEndpoints endpoints, string scope, string? database = null, string? collection = null, string[]? databases = null, bool reopenOnInvalidate = false, bool showExpandedEvents = false) =>
        StartAsync(endpoints.MongoDbUri, scope, database, collection, databases, reopenOnInvalidate, showExpandedEvents);

    /// <summary>The same on the MongoDB at <paramref name="mongoDbUri"/> (one that is not the fixture's: the demo's own sandbox).</summary>
    public static async Task<GroundTruthWatcher> StartAsync(
        string mongoDbUri, string scope, string? database = null, string? collection = null, string[]? databases = null, bool reopenOnInvalidate = false, bool showExpandedEvents = false)
    {
        var input = new JsonObject
        {
            ["uri"] = mongoDbUri,
            ["scope"] = scope,
            ["db"] = database,
            ["coll"] = collection,
            ["databases"] = databases is null ? null : new JsonArray(databases.Select(d => (JsonNode)d).ToArray()),
            ["reopenOnInvalidate"] = reopenOnInvalidate,
            ["showExpandedEvents"] = showExpandedEvents,
        };
        var watcher = new GroundTruthWatcher();
        watcher._script = BackgroundNodeScript.Start("it/watch.mjs", input.ToJsonString(), watcher.OnLine);
        var first = await Task.WhenAny(watcher._ready.Task, Task.Delay(Deadlines.Step)).ConfigureAwait(false);
        if (first != watcher._ready.Task)
        {
            var stderr = watcher._script.Stderr;
            watcher.Dispose();
            throw new TimeoutException($"The ground-truth watcher was not ready within {Deadlines.Step.TotalSeconds:0} s. stderr:\n{stderr}");
        }

        return watcher;
    }

    /// <summary>
    /// Waits until the watch has seen at least <paramref name="count"/> events: a point of a running workload measured by
    /// its progress, not by a clock. Fails the test at <paramref name="timeout"/>, which only bounds a hang.
    /// </summary>
    public async Task WaitForCountAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"The ground-truth watcher saw {Count} source events within {timeout.TotalSeconds:0} s, not {count}.\nwatcher stderr:\n{_script?.Stderr}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the watch once every event written so far is read; returns them in the source's order.</summary>
    public async Task<IReadOnlyList<SourceEvent>> StopAsync()
    {
        await _script!.StopAsync(Deadlines.Step).ConfigureAwait(false);
        return Snapshot();
    }

    /// <summary>The events seen so far, in the source's order (the watch goes on).</summary>
    public IReadOnlyList<SourceEvent> Snapshot()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    public void Dispose() => _script?.Dispose();

    private void OnLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (ScriptStatusLine.TryHandle(root, _ready))
        {
            return;
        }

        lock (_events)
        {
            _events.Add(SourceEvent.Parse(_events.Count, root));
        }
    }
}
