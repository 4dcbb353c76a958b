using Cdc.Sandbox.Kafka;
using Cdc.Sandbox.Security;
using Confluent.Kafka;

namespace Cdc.Sandbox.Tests.Kafka;

/// <summary>
/// What docs/sandbox.md says about SASL, checked: the mock cannot authenticate, while librdkafka validates a client's
/// SASL settings itself, before any broker is involved.
/// </summary>
public sealed class KafkaSaslLimitTests
{
    [Fact]
    public void Librdkafka_refuses_a_SASL_PLAIN_client_without_credentials_when_it_is_built()
    {
        ConfluentKafkaLibrary.EnsureLoaded();
        var config = new ProducerConfig { BootstrapServers = "127.0.0.1:9", SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.Plain };

        var error = Assert.ThrowsAny<Exception>(() => new ProducerBuilder<Null, string>(config).Build());

        Assert.Contains("sasl.username", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_SASL_SSL_client_gets_no_metadata_through_the_TLS_relays_because_the_mock_cannot_authenticate()
    {
        using var certificates = SandboxCertificates.Create();
        using var cluster = new KafkaMockCluster(brokerCount: 1);
        await using var relays = KafkaTlsRelays.Start(cluster, certificates.ServerCertificate);
        ConfluentKafkaLibrary.EnsureLoaded();
        var config = KafkaTlsRelayTests.Tls(new AdminClientConfig(), relays, certificates);
        config.SecurityProtocol = SecurityProtocol.SaslSsl;
        config.SaslMechanism = SaslMechanism.Plain;
        config.SaslUsername = "cdc";
        config.SaslPassword = "any";
        using var admin = new AdminClientBuilder(config).Build();

        // However long it is given, the answer can only be a failure: the mock never completes a SASL exchange.
        var error = Assert.Throws<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(10)));

        Assert.True(error.Error.IsLocalError, error.Error.ToString());
    }
}
