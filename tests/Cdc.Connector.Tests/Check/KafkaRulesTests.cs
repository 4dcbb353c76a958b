using Cdc.Cli.Check;
using Confluent.Kafka;

namespace Cdc.Connector.Tests.Check;

public sealed class KafkaRulesTests
{
    private static readonly BrokerAutoCreate Unknown = BrokerAutoCreate.Unknown("not supported");

    [Fact]
    public void An_existing_topic_passes_with_its_partitions()
    {
        var result = KafkaTopicRules.Evaluate("topic", "cdc.shop.orders", 6, null, Unknown, connectorCreates: false);

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal("cdc.shop.orders exists with 6 partition(s)", result.Detail);
    }

    [Fact]
    public void A_missing_topic_passes_when_the_brokers_create_topics()
    {
        var result = KafkaTopicRules.Evaluate("topic", "cdc.shop.orders", null, null, BrokerAutoCreate.Known(true), connectorCreates: false);

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal("cdc.shop.orders does not exist yet; the brokers create it at the first write (auto.create.topics.enable=true)", result.Detail);
    }

    [Fact]
    public void A_missing_topic_fails_when_the_brokers_do_not_create_topics()
    {
        var result = KafkaTopicRules.Evaluate("dead-letter topic", "dlq", null, null, BrokerAutoCreate.Known(false), connectorCreates: false);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("dead-letter topic", result.Name);
        Assert.Equal("dlq does not exist and the brokers do not create topics (auto.create.topics.enable=false)", result.Detail);
        Assert.Equal("create it: kafka-topics --create --topic dlq --partitions <n>", result.Fix);
    }

    [Fact]
    public void A_missing_topic_is_a_warning_when_auto_creation_cannot_be_read()
    {
        var result = KafkaTopicRules.Evaluate("topic", "t", null, null, Unknown, connectorCreates: false);

        Assert.Equal(CheckStatus.Warn, result.Status);
        Assert.Contains("auto.create.topics.enable could not be read: not supported", result.Detail, StringComparison.Ordinal);
        Assert.Contains("auto.create.topics.enable=true", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_checkpoint_topic_is_a_warning_because_the_connector_creates_it()
    {
        var result = KafkaTopicRules.Evaluate("checkpoint topic", "cdc.checkpoints", null, null, BrokerAutoCreate.Known(false), connectorCreates: true);

        Assert.Equal(CheckStatus.Warn, result.Status);
        Assert.Contains("the connector creates it (cleanup.policy=compact, 1 partition)", result.Detail, StringComparison.Ordinal);
        Assert.Equal("create it beforehand: kafka-topics --create --topic cdc.checkpoints --partitions 1 --config cleanup.policy=compact", result.Fix);
    }

    [Fact]
    public void A_topic_the_cluster_refuses_to_describe_fails_naming_the_acl()
    {
        var result = KafkaTopicRules.Evaluate("topic", "t", null, "Broker: Topic authorization failed (TopicAuthorizationFailed)", Unknown, connectorCreates: false);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("t: the cluster answered Broker: Topic authorization failed (TopicAuthorizationFailed)", result.Detail);
        Assert.StartsWith("grant the connector's principal Describe and Write on topic t", result.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "PASS")]
    [InlineData(false, "WARN")]
    [InlineData(null, "WARN")]
    public void Per_namespace_topics_depend_on_auto_creation(bool? enabled, string status)
    {
        var autoCreate = enabled is { } known ? BrokerAutoCreate.Known(known) : Unknown;

        var result = KafkaTopicRules.EvaluatePerNamespace("cdc.shop.<…>", 3, autoCreate);

        Assert.Equal(status, CheckReport.StatusText(result.Status));
        Assert.StartsWith("one topic per collection, cdc.shop.<…>; 3 such topic(s) exist", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_with_an_assigned_producer_id_are_read()
    {
        Assert.True(IdempotenceStatistics.TryRead("""{"name":"x","eos":{"idemp_state":"Assigned","idemp_stateage":12,"producer_id":4000,"producer_epoch":0}}""", out var state, out var id));
        Assert.Equal("Assigned", state);
        Assert.Equal(4000, id);
        Assert.False(IdempotenceStatistics.TryRead("""{"name":"x"}""", out _, out _));
        Assert.False(IdempotenceStatistics.TryRead("not json", out _, out _));
    }

    [Fact]
    public void An_assigned_producer_id_passes()
    {
        var result = IdempotenceRules.Evaluate("Assigned", 4000, null, null, TimeSpan.FromSeconds(10));

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal("the connector's producer configuration got producer id 4000 (enable.idempotence=true, acks=all)", result.Detail);
    }

    [Fact]
    public void A_cluster_authorization_failure_names_the_IdempotentWrite_acl()
    {
        var fatal = new Error(ErrorCode.ClusterAuthorizationFailed, "Broker: Cluster authorization failed", isFatal: true);

        var result = IdempotenceRules.Evaluate("FatalError", -1, fatal, null, TimeSpan.FromSeconds(10));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("the cluster refused a producer id: Broker: Cluster authorization failed (ClusterAuthorizationFailed)", result.Detail);
        Assert.StartsWith("grant the connector's principal the IdempotentWrite operation on the cluster", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void No_producer_id_within_the_limit_fails_with_the_last_state_and_error()
    {
        var result = IdempotenceRules.Evaluate("WaitTransport", -1, null, "1/1 brokers are down (Local_AllBrokersDown)", TimeSpan.FromSeconds(3));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("no producer id within 3 s (state WaitTransport; last error: 1/1 brokers are down (Local_AllBrokersDown))", result.Detail);
    }
}
