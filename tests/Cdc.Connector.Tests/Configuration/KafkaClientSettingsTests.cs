using Cdc.Connector.Configuration;

namespace Cdc.Connector.Tests.Configuration;

public sealed class KafkaClientSettingsTests
{
    [Fact]
    public void Every_client_reaches_and_authenticates_to_the_brokers_as_the_producer_does_but_takes_none_of_its_tuning()
    {
        var options = Load.FromSets(
            "kafka.bootstrapServers=broker-1:9093",
            "kafka.producer.security.protocol=SASL_SSL",
            "kafka.producer.sasl.mechanism=SCRAM-SHA-512",
            "kafka.producer.sasl.username=cdc",
            "kafka.producer.ssl.ca.location=/etc/cdc/ca.pem",
            "kafka.producer.client.dns.lookup=use_all_dns_ips",
            "kafka.producer.broker.address.family=v4",
            "kafka.producer.linger.ms=50",
            "kafka.producer.compression.type=zstd").Kafka;

        var connection = KafkaClientSettings.ConnectionProperties(options);

        Assert.Equal(
            ["broker.address.family", "client.dns.lookup", "sasl.mechanism", "sasl.username", "security.protocol", "ssl.ca.location"],
            connection.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("SASL_SSL", connection["security.protocol"]);
        Assert.Equal("/etc/cdc/ca.pem", connection["ssl.ca.location"]);
    }

    [Fact]
    public void A_metadata_client_has_the_brokers_its_name_a_socket_timeout_and_the_connection_entries()
    {
        var options = Load.FromSets("kafka.bootstrapServers=broker-1:9093,broker-2:9093", "kafka.producer.security.protocol=SSL", "kafka.producer.acks=all").Kafka;

        var config = KafkaClientSettings.MetadataClient(options, "cdc-check", TimeSpan.FromSeconds(7));

        Assert.Equal("broker-1:9093,broker-2:9093", config.BootstrapServers);
        Assert.Equal("cdc-check", config.ClientId);
        Assert.Equal(7000, config.SocketTimeoutMs);
        Assert.False(config.LogConnectionClose);
        Assert.Equal("SSL", config.Get("security.protocol"));
        Assert.Null(config.Get("acks"));
    }
}
