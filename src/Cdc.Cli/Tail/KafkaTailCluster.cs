using Cdc.Cli.Check;
using Cdc.Connector.Configuration;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Cdc.Cli.Tail;

/// <summary>
/// What `cdc tail` asks the cluster before it reads, through an admin client with the connection settings of
/// kafka.producer (<see cref="KafkaClientSettings"/>): the topics and their partitions (metadata of all topics, which
/// never makes a broker auto-create one), and each partition's end. Every call gives up after <see cref="Limit"/>.
/// </summary>
internal sealed class KafkaTailCluster : IDisposable
{
    /// <summary>How long `cdc tail` waits for the brokers before it says they cannot be reached.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    private const string ConnectionFix =
        "check kafka.bootstrapServers, that the brokers are up and reachable from here (their advertised listeners too), "
        + "and the security settings under kafka.producer (security.protocol, sasl.*, ssl.*)";

    private readonly IAdminClient _admin;
    private readonly string _bootstrap;
    private string? _lastError;

    public KafkaTailCluster(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bootstrap = options.BootstrapServers ?? string.Empty;
        _admin = new AdminClientBuilder(KafkaClientSettings.MetadataClient(options, "cdc-tail", Limit))
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler((_, error) => Volatile.Write(ref _lastError, $"{error.Reason} ({error.Code})"))
            .Build();
    }

    /// <summary>Every topic of the cluster with its partitions; throws <see cref="TailException"/> when the brokers do not answer.</summary>
    public IReadOnlyList<TopicMetadata> Topics()
    {
        try
        {
            return BoundedCall.Run(() => _admin.GetMetadata(Limit), Limit + TimeSpan.FromSeconds(2)).Topics;
        }
        catch (Exception ex) when (ex is KafkaException or TimeoutException)
        {
            throw Unreachable("no cluster metadata", ex);
        }
    }

    /// <summary>The offset after the last record of each partition (where a new record will go).</summary>
    public IReadOnlyDictionary<TopicPartition, Offset> Ends(IReadOnlyList<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var request = partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = OffsetSpec.Latest() }).ToList();
        ListOffsetsResult result;
        try
        {
            result = BoundedCall.Run(
                () => _admin.ListOffsetsAsync(request, new ListOffsetsOptions { RequestTimeout = Limit }).GetAwaiter().GetResult(),
                Limit + TimeSpan.FromSeconds(2));
        }
        catch (ListOffsetsException ex)
        {
            var failed = ex.Result.ResultInfos.Select(i => i.TopicPartitionOffsetError).Where(e => e.Error.IsError).ToList();
            var detail = failed.Count == 0 ? $"{ex.Error.Reason} ({ex.Error.Code})" : string.Join("; ", failed.Take(5).Select(e => $"{e.Topic}[{e.Partition.Value}]: {e.Error.Reason} ({e.Error.Code})"));
            throw new TailException($"the Kafka brokers at {_bootstrap} (kafka.bootstrapServers) did not say where the partitions end: {detail}; fix: {ConnectionFix}, or start with --from-beginning", ex);
        }
        catch (Exception ex) when (ex is KafkaException or TimeoutException)
        {
            throw Unreachable("no partition ends", ex);
        }

        return result.ResultInfos.ToDictionary(i => i.TopicPartitionOffsetError.TopicPartition, i => i.TopicPartitionOffsetError.Offset);
    }

    public void Dispose() => _admin.Dispose();

    private TailException Unreachable(string what, Exception ex)
    {
        var reason = ex is KafkaException kafka ? $"{kafka.Error.Reason} ({kafka.Error.Code})" : ex.Message;
        var seen = Volatile.Read(ref _lastError) is { } last && !reason.Contains(last, StringComparison.Ordinal) ? $"; last error: {last}" : string.Empty;
        return new TailException(
            $"{what} from the Kafka brokers at {_bootstrap} (kafka.bootstrapServers) within {Limit.TotalSeconds:0} s: {reason}{seen}; fix: {ConnectionFix}", ex);
    }
}
