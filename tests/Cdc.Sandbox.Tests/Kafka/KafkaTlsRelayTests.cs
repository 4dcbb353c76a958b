using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Cdc.Sandbox.Kafka;
using Cdc.Sandbox.Security;
using Cdc.Sandbox.Tests.Security;
using Confluent.Kafka;

namespace Cdc.Sandbox.Tests.Kafka;

/// <summary>The mock brokers behind TLS relays, as Confluent.Kafka (librdkafka's own TLS client) and raw sockets see them.</summary>
public sealed class KafkaTlsRelayTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public void The_loaded_librdkafka_exports_the_call_that_changes_what_a_broker_advertises()
    {
        LibRdKafkaLoader.EnsureLoaded();

        Assert.True(NativeLibrary.TryGetExport(LibrdkafkaRedist.Handle, "rd_kafka_mock_broker_set_host_port", out _));
    }

    [Fact]
    public async Task Confluent_Kafka_produces_and_consumes_over_TLS_through_the_relays_trusting_only_the_CA_file()
    {
        using var certificates = SandboxCertificates.Create();
        using var cluster = new KafkaMockCluster(brokerCount: 3);
        await using var relays = KafkaTlsRelays.Start(cluster, certificates.ServerCertificate);
        cluster.CreateTopic("secured", 3, 3);
        ConfluentKafkaLibrary.EnsureLoaded();

        using (var producer = new ProducerBuilder<string, string>(Tls(new ProducerConfig { Acks = Acks.All }, relays, certificates)).Build())
        {
            for (var i = 0; i < 30; i++)
            {
                using var timeout = new CancellationTokenSource(Deadline);
                var delivered = await producer.ProduceAsync("secured", new Message<string, string> { Key = $"key-{i % 6}", Value = $"value-{i}" }, timeout.Token);
                Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
            }
        }

        var consumerConfig = Tls(new ConsumerConfig { GroupId = "secured-readers", AutoOffsetReset = AutoOffsetReset.Earliest }, relays, certificates);
        using var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build();
        consumer.Subscribe("secured");
        var values = new HashSet<string>(StringComparer.Ordinal);
        var until = DateTime.UtcNow + Deadline;
        while (values.Count < 30 && DateTime.UtcNow < until)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { IsPartitionEOF: false } record)
            {
                values.Add(record.Message.Value);
            }
        }

        consumer.Close();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"value-{i}").Order(StringComparer.Ordinal), values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Metadata_through_a_relay_names_the_relay_ports_and_never_the_mock_plaintext_ports()
    {
        using var certificates = SandboxCertificates.Create();
        using var cluster = new KafkaMockCluster(brokerCount: 3);
        await using var relays = KafkaTlsRelays.Start(cluster, certificates.ServerCertificate);
        cluster.CreateTopic("described", 2, 2);
        ConfluentKafkaLibrary.EnsureLoaded();

        using var admin = new AdminClientBuilder(Tls(new AdminClientConfig(), relays, certificates)).Build();
        var metadata = admin.GetMetadata("described", Deadline);

        var advertised = metadata.Brokers.Select(b => $"{b.BrokerId}={b.Host}:{b.Port}").Order(StringComparer.Ordinal);
        Assert.Equal(relays.Relays.Select(r => $"{r.BrokerId}={r.Endpoint}").Order(StringComparer.Ordinal), advertised);
        var mockPorts = cluster.Brokers.Select(b => int.Parse(b.Endpoint.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(metadata.Brokers, b => mockPorts.Contains(b.Port));
        Assert.Equal(2, metadata.Topics.Single().Partitions.Count);
    }

    [Fact]
    public async Task A_plaintext_Kafka_request_to_a_relay_gets_the_connection_closed_without_an_answer()
    {
        using var certificates = SandboxCertificates.Create();
        using var cluster = new KafkaMockCluster(brokerCount: 1);
        await using var relays = KafkaTlsRelays.Start(cluster, certificates.ServerCertificate);
        using var deadline = new CancellationTokenSource(Deadline);

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, relays.Relays[0].Port, deadline.Token);
        await socket.SendAsync(ApiVersionsRequest(), SocketFlags.None, deadline.Token);

        // The relay reads it as a broken TLS ClientHello and closes: end of stream, or a reset, but never Kafka bytes.
        var answer = new byte[64];
        int read;
        try
        {
            read = await socket.ReceiveAsync(answer, SocketFlags.None, deadline.Token);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            read = 0;
        }

        Assert.Equal(0, read);
        await WaitUntil(() => relays.Relays[0].ConnectionCount == 0, "the refused plaintext connection to be dropped by the relay");
    }

    [Fact]
    public async Task A_plaintext_Confluent_Kafka_client_against_the_relays_fails_with_a_transport_error_instead_of_hanging()
    {
        using var certificates = SandboxCertificates.Create();
        using var cluster = new KafkaMockCluster(brokerCount: 1);
        await using var relays = KafkaTlsRelays.Start(cluster, certificates.ServerCertificate);
        ConfluentKafkaLibrary.EnsureLoaded();

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = relays.BootstrapServers, SecurityProtocol = SecurityProtocol.Plaintext }).Build();

        var error = Assert.Throws<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(30)));
        Assert.Equal(ErrorCode.Local_Transport, error.Error.Code);
    }

    [Fact]
    public async Task A_broker_going_down_closes_the_TLS_client_connection_of_its_relay()
    {
        using var certificates = SandboxCertificates.Create();
        using var cluster = new KafkaMockCluster(brokerCount: 1);
        await using var relays = KafkaTlsRelays.Start(cluster, certificates.ServerCertificate);
        using var deadline = new CancellationTokenSource(Deadline);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, relays.Relays[0].Port, deadline.Token);
        await using var tls = new SslStream(client.GetStream());
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", CertificateChainPolicy = SandboxCertificatesTests.TrustOnly(certificates.CaFile) },
            deadline.Token);
        // One answered request proves the relay reached the broker before it goes down.
        await tls.WriteAsync(ApiVersionsRequest(), deadline.Token);
        var size = new byte[4];
        await tls.ReadExactlyAsync(size, deadline.Token);
        await tls.ReadExactlyAsync(new byte[BinaryPrimitives.ReadInt32BigEndian(size)], deadline.Token);

        cluster.SetBrokerDown(1);

        int read;
        try
        {
            read = await tls.ReadAsync(new byte[16], deadline.Token);
        }
        catch (IOException)
        {
            read = 0;
        }

        Assert.Equal(0, read);
        await WaitUntil(() => relays.Relays[0].ConnectionCount == 0, "the relay to drop both sides of the closed connection");
    }

    [Fact]
    public async Task Disposing_the_relays_closes_their_listeners()
    {
        using var certificates = SandboxCertificates.Create();
        using var cluster = new KafkaMockCluster(brokerCount: 2);
        var relays = KafkaTlsRelays.Start(cluster, certificates.ServerCertificate);
        var ports = relays.Relays.Select(r => r.Port).ToArray();

        await relays.DisposeAsync();

        foreach (var port in ports)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var refused = Assert.Throws<SocketException>(() => socket.Connect(IPAddress.Loopback, port));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }

    internal static TConfig Tls<TConfig>(TConfig config, KafkaTlsRelays relays, SandboxCertificates certificates)
        where TConfig : ClientConfig
    {
        config.BootstrapServers = relays.BootstrapServers;
        config.SecurityProtocol = SecurityProtocol.Ssl;
        config.SslCaLocation = certificates.CaFile;
        return config;
    }

    /// <summary>ApiVersions v0 with correlation id 1 and client id "t": the smallest request a broker answers.</summary>
    private static byte[] ApiVersionsRequest()
    {
        var request = new byte[4 + 2 + 2 + 4 + 2 + 1];
        BinaryPrimitives.WriteInt32BigEndian(request, request.Length - 4);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(4), 18);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(6), 0);
        BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(8), 1);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(12), 1);
        request[14] = (byte)'t';
        return request;
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
