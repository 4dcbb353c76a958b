using System.Security.Cryptography.X509Certificates;

namespace Cdc.Sandbox.Kafka;

/// <summary>
/// A <see cref="KafkaTlsRelay"/> in front of every broker of a mock cluster (which has no TLS of its own), each broker
/// advertising its relay's port in Metadata, so that TLS clients bootstrapped on the relays stay on them.
/// </summary>
internal sealed class KafkaTlsRelays : IAsyncDisposable
{
    private readonly KafkaTlsRelay[] _relays;

    private KafkaTlsRelays(KafkaTlsRelay[] relays) => _relays = relays;

    public IReadOnlyList<KafkaTlsRelay> Relays => _relays;

    /// <summary>"127.0.0.1:port,…" of the relays, broker 1 first: the bootstrap servers of TLS clients.</summary>
    public string BootstrapServers => string.Join(',', _relays.Select(r => r.Endpoint));

    /// <summary>Starts one relay per broker and makes each broker advertise its relay; stops what started if one fails.</summary>
    public static KafkaTlsRelays Start(KafkaMockCluster cluster, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var brokers = cluster.Brokers;
        var relays = new List<KafkaTlsRelay>(brokers.Count);
        try
        {
            foreach (var broker in brokers)
            {
                var relay = KafkaTlsRelay.Start(broker.Id, broker.Endpoint, certificate);
                relays.Add(relay);
                cluster.AdvertiseBroker(broker.Id, "127.0.0.1", relay.Port);
            }
        }
        catch
        {
            foreach (var relay in relays)
            {
                relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }

        return new KafkaTlsRelays([.. relays]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var relay in _relays)
        {
            await relay.DisposeAsync().ConfigureAwait(false);
        }
    }
}
