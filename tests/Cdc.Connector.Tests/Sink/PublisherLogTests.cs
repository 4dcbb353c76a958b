using System.Net;
using System.Net.Sockets;
using Cdc.Connector.Sink;
using Cdc.Connector.Tests.Checkpoint;
using Cdc.Connector.Tests.Logging;
using Cdc.Sandbox.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using static Cdc.Connector.Tests.Sink.PublisherHarness;

namespace Cdc.Connector.Tests.Sink;

/// <summary>
/// What the publisher's producer writes to the connector's log, with the real librdkafka: nothing on a start against a
/// reachable cluster (no CONFWARN about a property the connector sets), and one line per failed connection to an
/// unreachable broker (librdkafka's FAIL log line and its error callback carry the same failure).
/// </summary>
public sealed class PublisherLogTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    // librdkafka repeats an identical connection error at most every 30 s per broker (rdkafka_broker.c), and how many
    // differ before that depends on the machine's speed: 5 in 15 s under two CPU hogs. Three failed connections make
    // the point (each once, through the error handler), and a minute bounds only a hang.
    private const int FailedConnections = 3;
    private static readonly TimeSpan FailureDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_start_against_a_reachable_cluster_logs_no_librdkafka_warning()
    {
        using var cluster = new KafkaMockCluster(1);
        cluster.CreateTopic("quiet", 1);
        var log = new CapturedLog();
        using var logging = log.CreateFactory(LogLevel.Trace);
        var listener = new RecordingDeliveryListener();
        using (var publisher = CreateLogged(Options(cluster.BootstrapServers), listener, logging))
        {
            publisher.Produce("quiet", Bytes("k"), Bytes("v"), 0);
            Assert.True(publisher.Flush(Deadline));
        }

        Assert.Equal([0L], listener.Delivered);
        var warnings = log.Entries.Where(entry => entry.Level >= LogLevel.Warning).Select(entry => entry.Message).ToArray();
        Assert.True(warnings.Length == 0, "Expected no warning, got:\n" + string.Join("\n", warnings));
        Assert.DoesNotContain(log.Entries, entry => entry.Message.Contains("CONFWARN", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreachable_broker_gives_one_line_per_failed_connection()
    {
        var port = ClosedPort();
        var log = new CapturedLog();
        using var logging = log.CreateFactory(LogLevel.Trace);
        var failure = $"Connect to ipv4#127.0.0.1:{port} failed";
        var options = Options($"127.0.0.1:{port}", null, ("reconnect.backoff.ms", "20"), ("reconnect.backoff.max.ms", "50"));
        using (var publisher = CreateLogged(options, new RecordingDeliveryListener(), logging))
        {
            var deadline = DateTime.UtcNow + FailureDeadline;
            while (log.Entries.Count(entry => entry.Message.Contains(failure, StringComparison.Ordinal)) < FailedConnections && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }

        var lines = log.Entries.Where(entry => entry.Message.Contains(failure, StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length >= FailedConnections, $"Only {lines.Length} line(s) about the refused connection:\n{Describe(log)}");

        // Each failure is the error handler's line (4101, with its code), never librdkafka's own FAIL line beside it.
        Assert.All(lines, entry => Assert.True(
            entry.EventId.Id == 4101 && entry.Message.StartsWith("Kafka producer error (not fatal, librdkafka retries): Local_Transport: ", StringComparison.Ordinal),
            Describe(log)));
        Assert.DoesNotContain(log.Entries, entry => entry.EventId.Id == 4100 && entry.Message.StartsWith("librdkafka FAIL ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SyslogLevel.Error, "FAIL", true)]
    [InlineData(SyslogLevel.Critical, "FAIL", true)]
    [InlineData(SyslogLevel.Warning, "FAIL", false)]
    [InlineData(SyslogLevel.Info, "FAIL", false)]
    [InlineData(SyslogLevel.Error, "ERROR", false)]
    [InlineData(SyslogLevel.Warning, "CONFWARN", false)]
    public void Only_librdkafka_lines_that_its_error_callback_repeats_are_left_to_the_error_handler(SyslogLevel level, string facility, bool isAlsoAnError)
    {
        var message = new LogMessage("cdc#producer-1", level, facility, "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused");

        Assert.Equal(isAlsoAnError, LibrdkafkaLog.IsAlsoAnError(message));
    }

    private static KafkaRecordPublisher CreateLogged(Cdc.Connector.Configuration.KafkaOptions options, IDeliveryListener listener, ILoggerFactory logging)
    {
        KafkaTestLibrary.Ensure();
        return new KafkaRecordPublisher(options, listener, maxInFlightEvents: 100, logging.CreateLogger<KafkaRecordPublisher>());
    }

    private static string Describe(CapturedLog log) =>
        string.Join("\n", log.Entries.Select(entry => $"{entry.Level} [{entry.EventId.Id}] {entry.Message}"));

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
