using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cdc.Integration.Tests;

/// <summary>
/// The source workload (tests/js/it/workload.mjs, official Node.js driver) running in the background: inserts,
/// updates, replaces and deletes in <c>{collection}-{n}</c> documents whose counter <c>v</c> every write bumps.
/// </summary>
internal sealed class WorkloadWriter : IDisposable
{
    private readonly BackgroundNodeScript _script;
    private readonly TaskCompletionSource<string> _summary = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkloadWriter(string input) =>
        _script = BackgroundNodeScript.Start("it/workload.mjs", input, line => _summary.TrySetResult(line));

    public bool HasExited => _script.HasExited;

    /// <summary>Starts <paramref name="operations"/> writes; a rate of 0 writes as fast as the server takes them, a transaction size of n groups n writes per multi-document transaction; <paramref name="padBytes"/> &gt; 0 adds a field of that many characters to inserted and replacing documents; <paramref name="existing"/> &gt; 0 says each collection was seeded with that many documents, which the workload then changes too.</summary>
    public static WorkloadWriter Start(
        ItEndpoints endpoints, string database, string[] collections, int operations, int ratePerSecond = 0, int transactionSize = 0, int seed = 1, int padBytes = 0, int existing = 0)
    {
        var input = new JsonObject
        {
            ["uri"] = endpoints.MongoDbUri,
            ["db"] = database,
            ["collections"] = new JsonArray(collections.Select(c => (JsonNode)c).ToArray()),
            ["operations"] = operations,
            ["ratePerSecond"] = ratePerSecond,
            ["transactionSize"] = transactionSize,
            ["seed"] = seed,
        };
        if (padBytes > 0)
        {
            input["padBytes"] = padBytes;
        }

        // The collections already hold existing documents per collection (tests/js/it/seed.mjs), which the workload changes too.
        if (existing > 0)
        {
            input["existing"] = existing;
        }

        return new WorkloadWriter(input.ToJsonString());
    }

    /// <summary>Waits for the end and returns the summary: operations, insert, update, replace, delete, transactions, elapsedMs.</summary>
    public async Task<JsonElement> CompletionAsync(TimeSpan timeout)
    {
        await _script.WaitForExitAsync(timeout).ConfigureAwait(false);
        return await SummaryAsync().ConfigureAwait(false);
    }

    /// <summary>Asks the workload to end after the write in progress, waits for it and returns its summary.</summary>
    public async Task<JsonElement> StopAsync(TimeSpan timeout)
    {
        await _script.StopAsync(timeout).ConfigureAwait(false);
        return await SummaryAsync().ConfigureAwait(false);
    }

    private async Task<JsonElement> SummaryAsync()
    {
        using var summary = JsonDocument.Parse(await _summary.Task.ConfigureAwait(false));
        return summary.RootElement.Clone();
    }

    public void Dispose() => _script.Dispose();
}
