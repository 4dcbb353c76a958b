using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cdc.Connector.Configuration;

/// <summary>
/// The configuration the connector actually runs with (every default filled in, every source applied) in the shape
/// of the JSON file, with secrets masked: what an operator compares against what they meant to configure.
/// </summary>
internal static class EffectiveConfiguration
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ToJson(CdcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mongo = options.MongoDb;
        var kafka = options.Kafka;
        var root = new JsonObject
        {
            ["mongodb"] = new JsonObject
            {
                ["uri"] = mongo.Uri is null ? null : MongoUriRedactor.Redact(mongo.Uri),
                ["scope"] = ConfigurationSchema.WordOf(mongo.Scope),
                ["database"] = mongo.Database,
                ["collection"] = mongo.Collection,
                ["pipeline"] = mongo.Pipeline.DeepClone(),
                ["fullDocument"] = ConfigurationSchema.WordOf(mongo.FullDocument),
                ["fullDocumentBeforeChange"] = ConfigurationSchema.WordOf(mongo.FullDocumentBeforeChange),
                ["startAt"] = mongo.StartAt,
                ["batchSize"] = mongo.BatchSize,
                ["maxAwaitTimeMs"] = mongo.MaxAwaitTimeMs,
                ["includeNamespaces"] = Array(mongo.IncludeNamespaces),
                ["excludeNamespaces"] = Array(mongo.ExcludeNamespaces),
                ["showExpandedEvents"] = mongo.ShowExpandedEvents,
                ["collation"] = mongo.Collation?.DeepClone(),
                ["comment"] = mongo.Comment,
                ["onHistoryLost"] = ConfigurationSchema.WordOf(mongo.OnHistoryLost),
                ["onInvalidate"] = ConfigurationSchema.WordOf(mongo.OnInvalidate),
                ["splitLargeEvents"] = ConfigurationSchema.WordOf(mongo.SplitLargeEvents),
                ["tlsCAFile"] = mongo.TlsCAFile,
                ["tlsCertificateKeyFile"] = mongo.TlsCertificateKeyFile,
            },
            ["kafka"] = new JsonObject
            {
                ["bootstrapServers"] = kafka.BootstrapServers,
                ["topicPrefix"] = kafka.TopicPrefix,
                ["topics"] = Map(kafka.Topics, _ => false),
                ["producer"] = Map(kafka.Producer, SecretCatalogue.IsSecretProducerProperty),
                ["deadLetterTopic"] = kafka.DeadLetterTopic,
            },
            ["schemaRegistry"] = new JsonObject
            {
                ["url"] = options.SchemaRegistry.Url is null ? null : MongoUriRedactor.Redact(options.SchemaRegistry.Url),
                ["basicAuth"] = options.SchemaRegistry.BasicAuth is null ? null : SecretRedactor.Mask,
                ["bearerToken"] = options.SchemaRegistry.BearerToken is null ? null : SecretRedactor.Mask,
                ["oauthTokenEndpointUrl"] = options.SchemaRegistry.OAuthTokenEndpointUrl,
                ["oauthClientId"] = options.SchemaRegistry.OAuthClientId,
                ["oauthClientSecret"] = options.SchemaRegistry.OAuthClientSecret is null ? null : SecretRedactor.Mask,
                ["oauthScope"] = options.SchemaRegistry.OAuthScope,
                ["tlsCAFile"] = options.SchemaRegistry.TlsCAFile,
                ["tlsCertificateKeyFile"] = options.SchemaRegistry.TlsCertificateKeyFile,
                ["subjectNameStrategy"] = ConfigurationSchema.WordOf(options.SchemaRegistry.SubjectNameStrategy),
            },
            ["mapping"] = new JsonObject
            {
                ["json"] = ConfigurationSchema.WordOf(options.Mapping.Json),
                ["tombstonesOnDelete"] = options.Mapping.TombstonesOnDelete,
                ["keylessEvents"] = ConfigurationSchema.WordOf(options.Mapping.KeylessEvents),
                ["value"] = ConfigurationSchema.WordOf(options.Mapping.Value),
                ["schemas"] = Map(options.Mapping.Schemas, _ => false),
                ["oversize"] = ConfigurationSchema.WordOf(options.Mapping.Oversize),
            },
            ["snapshot"] = new JsonObject
            {
                ["mode"] = ConfigurationSchema.WordOf(options.Snapshot.Mode),
                ["chunkSize"] = options.Snapshot.ChunkSize,
                ["parallelism"] = options.Snapshot.Parallelism,
                ["includeNamespaces"] = Array(options.Snapshot.IncludeNamespaces),
                ["excludeNamespaces"] = Array(options.Snapshot.ExcludeNamespaces),
            },
            ["checkpoint"] = new JsonObject
            {
                ["store"] = ConfigurationSchema.WordOf(options.Checkpoint.Store),
                ["path"] = options.Checkpoint.Path,
                ["topic"] = options.Checkpoint.Topic,
                ["collection"] = options.Checkpoint.Collection,
                ["intervalMs"] = options.Checkpoint.IntervalMs,
            },
            ["http"] = new JsonObject
            {
                ["enabled"] = options.Http.Enabled,
                ["host"] = options.Http.Host,
                ["port"] = options.Http.Port,
                ["liveView"] = options.Http.LiveView,
            },
            ["pipeline"] = new JsonObject
            {
                ["name"] = options.Pipeline.Name,
                ["maxInFlightEvents"] = options.Pipeline.MaxInFlightEvents,
                ["maxInFlightBytes"] = options.Pipeline.MaxInFlightBytes,
                ["shutdownGraceMs"] = options.Pipeline.ShutdownGraceMs,
                ["restartBackoffMs"] = options.Pipeline.RestartBackoffMs,
                ["restartBackoffMaxMs"] = options.Pipeline.RestartBackoffMaxMs,
            },
            ["logging"] = new JsonObject
            {
                ["level"] = ConfigurationSchema.WordOf(options.Logging.Level),
                ["format"] = ConfigurationSchema.WordOf(options.Logging.Format),
            },
            ["telemetry"] = new JsonObject
            {
                ["otlpEndpoint"] = options.Telemetry.OtlpEndpoint is null ? null : MongoUriRedactor.Redact(options.Telemetry.OtlpEndpoint),
                ["otlpProtocol"] = ConfigurationSchema.WordOf(options.Telemetry.OtlpProtocol),
                ["otlpIntervalMs"] = options.Telemetry.OtlpIntervalMs,
            },
        };
        return root.ToJsonString(Indented);
    }

    private static JsonArray Array(IReadOnlyList<string> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }

        return array;
    }

    private static JsonObject Map(Dictionary<string, string> entries, Func<string, bool> isSecret)
    {
        var map = new JsonObject();
        foreach (var (name, value) in entries.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            map[name] = isSecret(name) ? SecretRedactor.Mask : value;
        }

        return map;
    }
}
