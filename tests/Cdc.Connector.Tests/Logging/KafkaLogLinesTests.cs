using System.Net;
using System.Net.Sockets;
using Cdc.Connector.Tests.Check;

namespace Cdc.Connector.Tests.Logging;

/// <summary>
/// The real `cdc run` process against the sandbox's stand-ins (in this process): what Kafka's client puts in its log.
/// A start says nothing about properties the connector sets itself (no librdkafka CONFWARN), and with the brokers
/// unreachable each failed connection is one line, not librdkafka's own line and the error handler's line for the same
/// failure.
/// </summary>
public sealed class KafkaLogLinesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_start_against_a_reachable_kafka_logs_no_CONFWARN()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();

        var lines = ConnectorProcess.StderrUntil(Arguments(endpoints, endpoints.Kafka.BootstrapServers), IsStreaming, Timeout);

        Assert.True(lines.Any(IsStreaming), "The connector did not get to reading the change stream:\n" + string.Join("\n", lines));
        Assert.DoesNotContain(lines, line => line.Contains("CONFWARN", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(" warn: ", StringComparison.Ordinal) || line.Contains(" fail: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_broker_gives_one_line_per_failed_connection()
    {
        await using var endpoints = await CheckEndpoints.StartAsync();
        var port = ClosedPort();
        var failure = $"Connect to ipv4#127.0.0.1:{port} failed";
        var seen = 0;

        var lines = ConnectorProcess.StderrUntil(
            Arguments(endpoints, $"127.0.0.1:{port}"),
            line => line.Contains(failure, StringComparison.Ordinal) && ++seen >= 6,
            Timeout);

        var failures = lines.Where(line => line.Contains(failure, StringComparison.Ordinal)).ToArray();
        Assert.True(failures.Length >= 6, $"Only {failures.Length} line(s) about the refused connection:\n" + string.Join("\n", lines));
        Assert.All(failures, line => Assert.Contains(
            " warn: Cdc.Connector.Sink.KafkaRecordPublisher[4101] Kafka producer error (not fatal, librdkafka retries): Local_Transport: ", line, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("librdkafka FAIL", StringComparison.Ordinal));
    }

    private static bool IsStreaming(string line) => line.Contains("PipelineRunner[101]", StringComparison.Ordinal);

    private static string[] Arguments(CheckEndpoints endpoints, string bootstrapServers) =>
    [
        "run",
        "--set", $"mongodb.uri={endpoints.Mongo.ConnectionString}",
        "--set", "mongodb.scope=collection",
        "--set", "mongodb.database=shop",
        "--set", "mongodb.collection=orders",
        "--set", $"kafka.bootstrapServers={bootstrapServers}",
        "--set", $"schemaRegistry.url={endpoints.Registry.Url}",
        "--set", $"checkpoint.path={endpoints.CheckpointPath}",
        "--set", "http.enabled=false",
    ];

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
