using System.Net;
using System.Net.Sockets;
using Cdc.Sandbox.Kafka;

namespace Cdc.Sandbox.Tests.Kafka;

/// <summary>
/// The guard against librdkafka aborting when a broker going down loses its port (see <see cref="KafkaBrokerPortHold"/>).
/// The race itself lasts microseconds inside librdkafka's thread and cannot be forced from a test (the port would have to
/// be handed to another socket in that instant); these check that the guard holds a connection the broker answered, and
/// fails by name rather than setting a broker down unguarded.
/// </summary>
public sealed class KafkaBrokerPortHoldTests
{
    [Fact]
    public void A_broker_answers_the_hold_and_a_broker_that_is_down_needs_none()
    {
        using var cluster = new KafkaMockCluster(2);

        using (var hold = KafkaBrokerPortHold.Open(1, cluster.Brokers[0].Endpoint, TimeSpan.FromSeconds(30)))
        {
            Assert.NotNull(hold);
        }

        cluster.SetBrokerDown(2);
        Assert.Null(KafkaBrokerPortHold.Open(2, cluster.Brokers[1].Endpoint, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_broker_with_a_round_trip_time_and_no_client_goes_down_and_up_on_its_port()
    {
        using var cluster = new KafkaMockCluster(2);
        var endpoint = cluster.Brokers[0].Endpoint;
        cluster.SetRoundTripTime(1, 1500);

        for (var i = 0; i < 5; i++)
        {
            cluster.SetBrokerDown(1);
            Assert.False(cluster.Brokers[0].IsUp);
            cluster.SetBrokerUp(1);
        }

        Assert.Equal(endpoint, cluster.Brokers[0].Endpoint);
        Assert.NotNull(KafkaBrokerPortHold.Open(1, endpoint, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_listener_that_accepts_but_never_answers_fails_the_hold_by_name()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var endpoint = "127.0.0.1:" + ((IPEndPoint)silent.LocalEndpoint).Port;

        var error = Assert.Throws<KafkaMockException>(() => KafkaBrokerPortHold.Open(3, endpoint, TimeSpan.FromSeconds(1)));

        Assert.Contains($"Broker 3 ({endpoint})", error.Message, StringComparison.Ordinal);
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
        Assert.Contains("not set down", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listener_that_answers_something_else_fails_the_hold_by_name()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var endpoint = "127.0.0.1:" + ((IPEndPoint)other.LocalEndpoint).Port;
        var answering = Task.Run(async () =>
        {
            using var client = await other.AcceptTcpClientAsync();
            await client.GetStream().WriteAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray());
            await Task.Delay(TimeSpan.FromSeconds(5));
        });

        var error = Assert.Throws<KafkaMockException>(() => KafkaBrokerPortHold.Open(2, endpoint, TimeSpan.FromSeconds(30)));

        Assert.Contains($"Broker 2 ({endpoint})", error.Message, StringComparison.Ordinal);
        Assert.Contains("not set down", error.Message, StringComparison.Ordinal);
        await answering;
    }
}
