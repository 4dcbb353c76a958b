using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Cdc.Bench.Processes;

/// <summary>
/// `cdc sandbox` (this build's) as a process of its own: the MongoDB emulator, the embedded Kafka and the Schema
/// Registry, away from the process being measured, so its CPU, memory and allocations are not counted there.
/// </summary>
internal sealed class SandboxProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _child;

    private SandboxProcess(ChildProcess child, JsonNode ready)
    {
        _child = child;
        MongoDbUri = ready["mongodb"]!.GetValue<string>();
        KafkaBootstrapServers = ready["kafka"]!.GetValue<string>();
        SchemaRegistryUrl = ready["schemaRegistry"]!.GetValue<string>();
        ControlUrl = ready["control"]!.GetValue<string>();
    }

    public string MongoDbUri { get; }

    public string KafkaBootstrapServers { get; }

    public string SchemaRegistryUrl { get; }

    public string ControlUrl { get; }

    /// <summary>Its process id, for its CPU time (<see cref="ProcessStats"/>).</summary>
    public int ProcessId => _child.Id;

    public static async Task<SandboxProcess> StartAsync(int oplogWindow, int kafkaBrokers)
    {
        var child = ChildProcess.StartDotnet(
            "cdc sandbox",
            RepositoryPaths.ConnectorDll,
            ["sandbox", "--oplog-window", oplogWindow.ToString(CultureInfo.InvariantCulture), "--kafka-brokers", kafkaBrokers.ToString(CultureInfo.InvariantCulture)]);
        try
        {
            var line = await child.ReadLineAsync(StartPatience).ConfigureAwait(false);
            var ready = JsonNode.Parse(line) ?? throw new InvalidOperationException($"cdc sandbox printed '{line}', not its endpoints.");
            return new SandboxProcess(child, ready);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>Creates a topic through the control API (the mock cluster would otherwise make it with one partition).</summary>
    public async Task CreateTopicAsync(string name, int partitions)
    {
        using var http = new HttpClient { BaseAddress = new Uri(ControlUrl) };
        using var response = await http.PostAsJsonAsync("/kafka/topics", new { name, partitions }).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"cdc sandbox refused to create topic {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _child.TerminateAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        finally
        {
            _child.Dispose();
        }
    }
}
