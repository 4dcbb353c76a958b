using System.Globalization;
using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Cdc.Schemas.Mapping;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Cdc.Cli.Check;

/// <summary>
/// The kafka area of `cdc check`: cluster metadata through an admin client with the security settings of
/// kafka.producer, the brokers, the topics the connector will write to (existing, or created at the first write), and
/// whether the connector's own producer configuration gets an idempotent producer id. Metadata is asked for all topics:
/// naming a missing topic would make brokers with auto.create.topics.enable create it.
/// </summary>
internal sealed class KafkaChecker
{
    private readonly CdcOptions _options;
    private readonly TimeSpan _limit;

    public KafkaChecker(CdcOptions options, TimeSpan limit)
    {
        _options = options;
        _limit = limit;
    }

    /// <summary>The data topic of a collection-scope stream, named exactly as the mapper names it.</summary>
    public static string CollectionTopic(CdcOptions options) => PipelineTopics.CollectionTopic(options);

    public void Run(CheckReport report)
    {
        var area = CheckAreas.Kafka;
        var bootstrap = _options.Kafka.BootstrapServers!;
        string? lastError = null;
        var config = KafkaClientSettings.MetadataClient(_options.Kafka, "cdc-check", _limit);
        try
        {
            LibrdkafkaLoader.EnsureLoaded();
            using var admin = new AdminClientBuilder(config)
                .SetLogHandler(static (_, _) => { })
                .SetErrorHandler((_, error) => Volatile.Write(ref lastError, $"{error.Reason} ({error.Code})"))
                .Build();
            Metadata metadata;
            try
            {
                metadata = BoundedCall.Run(() => admin.GetMetadata(_limit), _limit + TimeSpan.FromSeconds(2));
            }
            catch (Exception ex) when (ex is KafkaException or TimeoutException)
            {
                var reason = ex is KafkaException kafka ? $"{kafka.Error.Reason} ({kafka.Error.Code})" : ex.Message;
                var seen = Volatile.Read(ref lastError) is { } last ? $"; last error: {last}" : string.Empty;
                report.Add(CheckResult.Fail(area, "metadata", $"no cluster metadata from {bootstrap} within {_limit.TotalSeconds:0.#} s: {reason}{seen}",
                    "check kafka.bootstrapServers, that the brokers are up and reachable from here (their advertised listeners too), and the security settings under kafka.producer (security.protocol, sasl.*, ssl.*)"));
                return;
            }

            var brokers = string.Join(", ", metadata.Brokers.ConvertAll(b => $"{b.BrokerId}@{b.Host}:{b.Port}"));
            report.Add(CheckResult.Pass(area, "metadata", $"{metadata.Brokers.Count} broker(s): {brokers}; {metadata.Topics.Count} topic(s) visible"));
            var autoCreate = ReadAutoCreate(admin, metadata);
            CheckTopics(report, metadata, autoCreate);
        }
        catch (KafkaException ex)
        {
            report.Add(CheckResult.Fail(area, "metadata", $"librdkafka refused the client configuration: {ex.Error.Reason} ({ex.Error.Code})",
                "correct the connection settings under kafka.producer"));
            return;
        }
        catch (ArgumentException ex)
        {
            // Confluent.Kafka's verdict on a property value librdkafka does not accept ("Invalid value … for configuration property …").
            report.Add(CheckResult.Fail(area, "metadata", $"librdkafka refused the client configuration: {ex.Message}",
                "correct the property named above under kafka.producer"));
            return;
        }
        catch (DllNotFoundException ex)
        {
            report.Add(CheckResult.Fail(area, "metadata", ex.Message, "reinstall or rebuild cdc so that the librdkafka.redist files are beside the program (runtimes/<rid>/native/)"));
            return;
        }

        report.Add(IdempotenceProbe.Run(_options, _limit));
    }

    private void CheckTopics(CheckReport report, Metadata metadata, BrokerAutoCreate autoCreate)
    {
        if (_options.MongoDb.Scope == WatchScope.Collection)
        {
            report.Add(Topic("topic", CollectionTopic(_options), metadata, autoCreate, connectorCreates: false));
        }
        else
        {
            // A database's collections are {prefix}.{db}.{coll} with rejected characters replaced, and a hash suffix at
            // the end of the whole name when any was: Compose(prefix, db, null) would end in the database's own hash.
            var prefix = _options.MongoDb.Scope == WatchScope.Database
                ? TopicNames.CollectionTopicsPrefix(_options.Kafka.TopicPrefix, _options.MongoDb.Database!) ?? _options.Kafka.TopicPrefix + "."
                : _options.Kafka.TopicPrefix.Length == 0 ? string.Empty : _options.Kafka.TopicPrefix + ".";
            var existing = metadata.Topics.Count(t => t.Error.Code == ErrorCode.NoError && t.Topic.StartsWith(prefix, StringComparison.Ordinal));
            report.Add(KafkaTopicRules.EvaluatePerNamespace(prefix + "<…>", existing, autoCreate));
        }

        if (_options.Kafka.DeadLetterTopic is { Length: > 0 } deadLetter)
        {
            report.Add(Topic("dead-letter topic", deadLetter, metadata, autoCreate, connectorCreates: false));
        }

        if (_options.Checkpoint.Store == CheckpointStoreKind.Kafka && _options.Checkpoint.Topic is { Length: > 0 } checkpointTopic)
        {
            report.Add(Topic("checkpoint topic", checkpointTopic, metadata, autoCreate, connectorCreates: true));
        }
    }

    private static CheckResult Topic(string role, string topic, Metadata metadata, BrokerAutoCreate autoCreate, bool connectorCreates)
    {
        var found = metadata.Topics.Find(t => t.Topic == topic);
        if (found is null || found.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            return KafkaTopicRules.Evaluate(role, topic, null, null, autoCreate, connectorCreates);
        }

        return found.Error.Code == ErrorCode.NoError
            ? KafkaTopicRules.Evaluate(role, topic, found.Partitions.Count, null, autoCreate, connectorCreates)
            : KafkaTopicRules.Evaluate(role, topic, null, $"{found.Error.Reason} ({found.Error.Code})", autoCreate, connectorCreates);
    }

    /// <summary>auto.create.topics.enable of one broker (DescribeConfigs needs DescribeConfigs on the cluster); unknown when refused or unanswered.</summary>
    private BrokerAutoCreate ReadAutoCreate(IAdminClient admin, Metadata metadata)
    {
        if (metadata.Brokers.Count == 0)
        {
            return BrokerAutoCreate.Unknown("no broker in the metadata");
        }

        var resource = new ConfigResource { Type = ResourceType.Broker, Name = metadata.Brokers[0].BrokerId.ToString(CultureInfo.InvariantCulture) };
        var wait = TimeSpan.FromTicks(Math.Min(_limit.Ticks, TimeSpan.FromSeconds(5).Ticks));
        try
        {
            var results = BoundedCall.Run(
                () => admin.DescribeConfigsAsync([resource], new DescribeConfigsOptions { RequestTimeout = wait }).GetAwaiter().GetResult(),
                wait + TimeSpan.FromSeconds(1));
            return results.Count == 1 && results[0].Entries.TryGetValue("auto.create.topics.enable", out var entry) && bool.TryParse(entry.Value, out var enabled)
                ? BrokerAutoCreate.Known(enabled)
                : BrokerAutoCreate.Unknown("the broker's configuration has no such entry");
        }
        catch (DescribeConfigsException ex)
        {
            var error = ex.Results.Count == 1 ? ex.Results[0].Error : ex.Error;
            return BrokerAutoCreate.Unknown($"{error.Reason} ({error.Code})");
        }
        catch (Exception ex) when (ex is KafkaException or TimeoutException)
        {
            return BrokerAutoCreate.Unknown(ex is KafkaException kafka ? $"{kafka.Error.Reason} ({kafka.Error.Code})" : ex.Message);
        }
    }
}
