using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Sandbox.Kafka;
using Cdc.Sandbox.Security;
using Cdc.Tests.Shared;
using Xunit.Abstractions;

namespace Cdc.Sandbox.Tests.Kafka;

/// <summary>The embedded Kafka as kafkajs (a pure-JavaScript Kafka client no one here wrote) sees it, over TCP.</summary>
public sealed class KafkaClientInteropTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);
    private static readonly JsonSerializerOptions CamelCase = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    [Fact]
    public void Kafkajs_produces_keyed_messages_and_another_client_consumes_them_in_order()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("roundtrip", 3, 3);

        var summary = Run("kafka-roundtrip.mjs", new { cluster.BootstrapServers, topic = "roundtrip", keys = 12, messagesPerKey = 5 });

        Assert.Equal(60, (int)summary["received"]!);
        Assert.Equal(12, (int)summary["keys"]!);
        var perPartition = summary["countPerPartition"]!.AsObject();
        Assert.All(perPartition, p => Assert.InRange(int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture), 0, 2));
        Assert.Equal(60, perPartition.Sum(p => (int)p.Value!));
        Assert.True(perPartition.Count > 1, "12 keys all landed on one partition");
    }

    [Fact]
    public void A_created_topic_has_the_asked_partition_count_and_the_brokers_are_the_bootstrap_endpoints()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("five", 5, 2);

        var metadata = Run("kafka-metadata.mjs", new { cluster.BootstrapServers, topic = "five" });

        var partitions = metadata["partitions"]!.AsArray();
        Assert.Equal([0, 1, 2, 3, 4], partitions.Select(p => (int)p!["partitionId"]!).Order());
        Assert.All(partitions, p => Assert.InRange((int)p!["leader"]!, 1, 3));
        // librdkafka 2.16's mock keeps the asked replication factor (2.0.2's gave every partition min(3, brokers)).
        Assert.All(partitions, p => Assert.Equal(2, p!["replicas"]!.AsArray().Count));
        var brokers = metadata["brokers"]!.AsArray()
            .Select(b => $"{(int)b!["nodeId"]!}={(string)b["host"]!}:{(int)b["port"]!}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(cluster.Brokers.Select(b => $"{b.Id}={b.Endpoint}"), brokers);
        Assert.Equal(0, (int)metadata["controller"]!);
    }

    [Fact]
    public async Task Kafkajs_produces_and_consumes_over_TLS_through_the_relays_which_metadata_names_as_the_brokers()
    {
        using var certificates = SandboxCertificates.Create();
        using var cluster = new KafkaMockCluster();
        await using var relays = KafkaTlsRelays.Start(cluster, certificates.ServerCertificate);
        cluster.CreateTopic("tls-roundtrip", 3, 3);

        var summary = Run("kafka-tls.mjs", new { bootstrapServers = relays.BootstrapServers, caPem = certificates.AuthorityPem, topic = "tls-roundtrip", messages = 25 });

        Assert.Equal(25, (int)summary["received"]!);
        var brokers = summary["brokers"]!.AsArray()
            .Select(b => $"{(int)b!["nodeId"]!}={(string)b["host"]!}:{(int)b["port"]!}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(relays.Relays.Select(r => $"{r.BrokerId}={r.Endpoint}").Order(StringComparer.Ordinal), brokers);
    }

    [Fact]
    public void A_topic_a_producer_auto_creates_gets_four_partitions()
    {
        using var cluster = new KafkaMockCluster();

        var metadata = Run("kafka-metadata.mjs", new { cluster.BootstrapServers, topic = "never-created", produceFirst = true });

        Assert.Equal(4, metadata["partitions"]!.AsArray().Count);
    }

    [Fact]
    public void The_admin_CreateTopics_call_fails_because_the_mock_names_no_broker_as_controller()
    {
        using var cluster = new KafkaMockCluster();

        var result = Run("kafka-create-topics.mjs", new { cluster.BootstrapServers, topic = "by-admin" });

        Assert.False((bool)result["created"]!);
        // Metadata reports controller id 0 and brokers 1..N, so the client finds no broker to send CreateTopics to.
        Assert.Contains("KafkaJSBrokerNotFound", result["errorChain"]!.AsArray().Select(e => (string)e!));
    }

    [Fact]
    public void Past_the_per_partition_bound_the_oldest_batches_are_dropped_and_the_log_start_moves()
    {
        const int Batches = 12, MessagesPerBatch = 100, ValueBytes = 5000;
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("bounded", 1, 3);

        // 12 batches of about 0.5 MB each: about 6 MB, past the 5 MiB the mock keeps per partition.
        var offsets = Run("kafka-log-bound.mjs", new { cluster.BootstrapServers, topic = "bounded", Batches, MessagesPerBatch, ValueBytes });

        var low = (int)offsets["low"]!;
        var high = (int)offsets["high"]!;
        Assert.Equal(Batches * MessagesPerBatch, high);
        Assert.True(low > 0, "nothing was dropped");
        Assert.Equal(0, low % MessagesPerBatch); // whole batches go, oldest first
        Assert.True((long)(high - low) * ValueBytes <= KafkaMockCluster.MaxLogBytesPerPartition, $"{high - low} messages kept");
    }

    [Fact]
    public void A_send_fails_while_the_partition_leader_is_down_and_a_retrying_send_succeeds_once_it_is_up()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("outage", 1, 3);
        cluster.SetPartitionLeader("outage", 0, 2);
        using var script = NodeConversation.Start("sandbox/kafka-broker-down.mjs", Json(new { cluster.BootstrapServers, topic = "outage" }));

        script.Expect("ready", StepTimeout);
        cluster.SetBrokerDown(2);
        script.Send("down");
        script.Expect("failed", StepTimeout);
        cluster.SetBrokerUp(2);
        script.Send("up");
        var result = Parse(script.ReadLine(StepTimeout));
        script.Finish(StepTimeout);

        var quickError = result["quickError"]!.AsArray().Select(e => (string)e!).ToArray();
        Assert.Contains("KafkaJSConnectionError", quickError);
        // Two messages went in before the outage, so the retried one is the third in the log.
        Assert.Equal("2", (string)result["offset"]!);
    }

    [Fact]
    public void Queued_retriable_produce_errors_reach_the_client_which_retries_and_succeeds()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("flaky", 1, 3);
        cluster.PushRequestErrors(KafkaApiKey.Produce, KafkaErrorCode.NotLeaderForPartition, KafkaErrorCode.NotLeaderForPartition);

        var result = Run("kafka-request-errors.mjs", new { cluster.BootstrapServers, topic = "flaky", errorName = "NOT_LEADER_FOR_PARTITION", expect = "retried" });

        Assert.Equal(2, (int)result["errorResponses"]!);
        Assert.Equal("0", (string)result["offset"]!);
    }

    [Fact]
    public void A_queued_non_retriable_produce_error_fails_the_clients_send()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("forbidden", 1, 3);
        cluster.PushRequestErrors(KafkaApiKey.Produce, KafkaErrorCode.Parse("TOPIC_AUTHORIZATION_FAILED"));

        var result = Run("kafka-request-errors.mjs", new { cluster.BootstrapServers, topic = "forbidden", errorName = "TOPIC_AUTHORIZATION_FAILED", expect = "rejected" });

        Assert.Equal(1, (int)result["errorResponses"]!);
        Assert.Contains("TOPIC_AUTHORIZATION_FAILED", result["errorChain"]!.AsArray().Select(e => (string)e!));
    }

    [Fact]
    public void Cleared_request_errors_no_longer_reach_the_client()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("cleared", 1, 3);
        cluster.PushRequestErrors(KafkaApiKey.Produce, KafkaErrorCode.TopicAuthorizationFailed);
        cluster.ClearRequestErrors(KafkaApiKey.Produce);

        var result = Run("kafka-request-errors.mjs", new { cluster.BootstrapServers, topic = "cleared", errorName = "TOPIC_AUTHORIZATION_FAILED", expect = "retried" });

        Assert.Equal(0, (int)result["errorResponses"]!);
    }

    [Fact]
    public void A_round_trip_delay_on_the_brokers_delays_a_produce_by_at_least_that_long()
    {
        // Far above what a produce takes on a quiet machine, so a delay that does not apply shows there; a loaded machine
        // only makes the produce slower, which the lower bound below tolerates.
        const int DelayMs = 3000;
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("slow", 1, 3);
        using var script = NodeConversation.Start("sandbox/kafka-rtt.mjs", Json(new { cluster.BootstrapServers, topic = "slow" }));

        script.Expect("ready", StepTimeout);
        cluster.SetRoundTripTime(KafkaMockCluster.AllBrokers, DelayMs);
        script.Send("go");
        var result = Parse(script.ReadLine(StepTimeout));
        script.Finish(StepTimeout);

        // At least the delay, which a round trip cannot beat however fast the machine; how much longer depends on the
        // machine, so no upper bound (the script's deadline bounds a hang). The produce before the delay was set is only
        // reported (Parse writes it to the test's output): a bound on it would be a bound on this machine's load.
        var delayedMs = (double)result["delayedMs"]!;
        Assert.True(delayedMs >= DelayMs, $"the produce took {delayedMs} ms with a round-trip delay of {DelayMs} ms (before the delay: {result["baselineMs"]} ms)");
    }

    private JsonNode Run(string script, object request)
    {
        var stdout = NodeScript.Run("sandbox/" + script, Json(request) + "\n", ScriptTimeout);
        return Parse(stdout.Trim().Split('\n')[^1]);
    }

    /// <summary>Parses the script's findings and keeps them in the test output, for whoever reads a failure.</summary>
    private JsonNode Parse(string line)
    {
        output.WriteLine(line);
        return JsonNode.Parse(line)!;
    }

    private static string Json(object request) => JsonSerializer.Serialize(request, CamelCase);
}
