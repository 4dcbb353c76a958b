using System.Globalization;
using Cdc.Connector.Configuration;
using Confluent.Kafka;

namespace Cdc.Connector.Observability;

/// <summary>
/// Looks at the Kafka cluster every <see cref="Interval"/> from its own thread: a metadata request with a short timeout
/// through an admin client, written to <see cref="ConnectorStatus.KafkaObserved"/> for /readyz and cdc_kafka_reachable.
/// The producer cannot tell this by itself: with every broker down it just keeps its records queued and retrying.
/// </summary>
internal sealed class KafkaReachabilityProbe : IDisposable
{
    /// <summary>kafka.producer properties the probe needs too: how to reach and authenticate to the brokers.</summary>
    private readonly IAdminClient _admin;
    private readonly string _bootstrapServers;
    private readonly ConnectorStatus _status;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public KafkaReachabilityProbe(KafkaOptions options, ConnectorStatus status, TimeSpan interval, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        _status = status;
        Interval = interval;
        Timeout = timeout;
        _bootstrapServers = options.BootstrapServers ?? string.Empty;
        var config = KafkaClientSettings.MetadataClient(options, "cdc-probe", TimeSpan.FromMilliseconds(Math.Max(10_000, timeout.TotalMilliseconds)));

        // Its own connection errors are what the probe reports; librdkafka's lines about them would only repeat that.
        _admin = new AdminClientBuilder(config)
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { })
            .Build();
        _thread = new Thread(Loop) { IsBackground = true, Name = "cdc-kafka-probe" };
    }

    public TimeSpan Interval { get; }

    public TimeSpan Timeout { get; }

    public void Start() => _thread.Start();

    /// <summary>One metadata request: reachable when at least one broker answered within the timeout.</summary>
    public void ProbeOnce()
    {
        try
        {
            var metadata = _admin.GetMetadata(Timeout);
            if (metadata.Brokers.Count == 0)
            {
                _status.KafkaObserved(false, "the cluster's metadata lists no broker");
            }
            else
            {
                _status.KafkaObserved(true, null);
            }
        }
        catch (KafkaException ex)
        {
            _status.KafkaObserved(false, string.Create(
                CultureInfo.InvariantCulture, $"no metadata from {_bootstrapServers} within {Timeout.TotalSeconds:0.#} s: {ex.Error.Code}: {ex.Error.Reason}"));
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _admin.Dispose();
        _stop.Dispose();
    }

    private void Loop()
    {
        do
        {
            ProbeOnce();
        }
        while (!_stop.Token.WaitHandle.WaitOne(Interval));
    }
}
