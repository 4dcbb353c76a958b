using Cdc.Connector.Configuration.Keys;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;
using OpenTelemetry.Exporter;

namespace Cdc.Connector.Configuration;

/// <summary>
/// Every configuration key of docs/configuration.md (names are part of the contract), with its type and the checks a single
/// value can fail. Checks that involve several keys live in <see cref="ConsistencyRules"/>.
/// </summary>
internal static class ConfigurationSchema
{
    public static IReadOnlyList<SectionDefinition> Sections { get; } =
    [
        new SectionDefinition(
            "mongodb",
            new StringKey("mongodb", "uri", (o, v) => o.MongoDb.Uri = v, check: ValueChecks.MongoUri, redact: MongoUriRedactor.Redact),
            new ChoiceKey<WatchScope>("mongodb", "scope", (o, v) => o.MongoDb.Scope = v, ("cluster", WatchScope.Cluster), ("database", WatchScope.Database), ("collection", WatchScope.Collection)),
            new StringKey("mongodb", "database", (o, v) => o.MongoDb.Database = v),
            new StringKey("mongodb", "collection", (o, v) => o.MongoDb.Collection = v),
            new PipelineKey("mongodb", "pipeline", (o, v) => o.MongoDb.Pipeline = v),
            new ChoiceKey<ChangeStreamFullDocumentOption>(
                "mongodb",
                "fullDocument",
                (o, v) => o.MongoDb.FullDocument = v,
                ("default", ChangeStreamFullDocumentOption.Default),
                ("updateLookup", ChangeStreamFullDocumentOption.UpdateLookup),
                ("whenAvailable", ChangeStreamFullDocumentOption.WhenAvailable),
                ("required", ChangeStreamFullDocumentOption.Required)),
            // "off" is the driver's Default: the option is left out of the request, and a server takes that as off.
            new ChoiceKey<ChangeStreamFullDocumentBeforeChangeOption>(
                "mongodb",
                "fullDocumentBeforeChange",
                (o, v) => o.MongoDb.FullDocumentBeforeChange = v,
                ("off", ChangeStreamFullDocumentBeforeChangeOption.Default),
                ("whenAvailable", ChangeStreamFullDocumentBeforeChangeOption.WhenAvailable),
                ("required", ChangeStreamFullDocumentBeforeChangeOption.Required)),
            new StringKey("mongodb", "startAt", (o, v) => o.MongoDb.StartAt = v!, optional: false, check: ValueChecks.StartAt),
            new IntegerKey("mongodb", "batchSize", (o, v) => o.MongoDb.BatchSize = v, minimum: 0),
            new IntegerKey("mongodb", "maxAwaitTimeMs", (o, v) => o.MongoDb.MaxAwaitTimeMs = v, minimum: 0),
            new StringListKey("mongodb", "includeNamespaces", (o, v) => o.MongoDb.IncludeNamespaces = v, ValueChecks.NamespacePattern),
            new StringListKey("mongodb", "excludeNamespaces", (o, v) => o.MongoDb.ExcludeNamespaces = v, ValueChecks.NamespacePattern),
            new BooleanKey("mongodb", "showExpandedEvents", (o, v) => o.MongoDb.ShowExpandedEvents = v),
            new CollationKey("mongodb", "collation", (o, v) => o.MongoDb.Collation = v),
            new StringKey("mongodb", "comment", (o, v) => o.MongoDb.Comment = v),
            new ChoiceKey<HistoryLostAction>("mongodb", "onHistoryLost", (o, v) => o.MongoDb.OnHistoryLost = v, ("fail", HistoryLostAction.Fail), ("restartFromNow", HistoryLostAction.RestartFromNow)),
            new ChoiceKey<InvalidateAction>("mongodb", "onInvalidate", (o, v) => o.MongoDb.OnInvalidate = v, ("reopen", InvalidateAction.Reopen), ("stop", InvalidateAction.Stop)),
            new ChoiceKey<SplitLargeEventsMode>("mongodb", "splitLargeEvents", (o, v) => o.MongoDb.SplitLargeEvents = v, ("auto", SplitLargeEventsMode.Auto), ("off", SplitLargeEventsMode.Off)),
            new StringKey("mongodb", "tlsCAFile", (o, v) => o.MongoDb.TlsCAFile = v),
            new StringKey("mongodb", "tlsCertificateKeyFile", (o, v) => o.MongoDb.TlsCertificateKeyFile = v)),
        new SectionDefinition(
            "kafka",
            new StringKey("kafka", "bootstrapServers", (o, v) => o.Kafka.BootstrapServers = v),
            new StringKey("kafka", "topicPrefix", (o, v) => o.Kafka.TopicPrefix = v ?? string.Empty, check: ValueChecks.TopicPrefix),
            new MapKey("kafka", "topics", "<db.coll>=<topic>", o => o.Kafka.Topics, EnvironmentNames.Namespace),
            new MapKey("kafka", "producer", "<librdkafka property>=<value>", o => o.Kafka.Producer, EnvironmentNames.LibrdkafkaProperty, SecretCatalogue.IsSecretProducerProperty),
            new StringKey("kafka", "deadLetterTopic", (o, v) => o.Kafka.DeadLetterTopic = v, check: ValueChecks.TopicName)),
        new SectionDefinition(
            "schemaRegistry",
            new StringKey("schemaRegistry", "url", (o, v) => o.SchemaRegistry.Url = v, check: ValueChecks.HttpUrls),
            new StringKey("schemaRegistry", "basicAuth", (o, v) => o.SchemaRegistry.BasicAuth = v, check: ValueChecks.UserColonPassword, isSecret: true),
            new StringKey("schemaRegistry", "bearerToken", (o, v) => o.SchemaRegistry.BearerToken = v, isSecret: true),
            new StringKey("schemaRegistry", "oauthTokenEndpointUrl", (o, v) => o.SchemaRegistry.OAuthTokenEndpointUrl = v, check: ValueChecks.HttpUrl),
            new StringKey("schemaRegistry", "oauthClientId", (o, v) => o.SchemaRegistry.OAuthClientId = v),
            new StringKey("schemaRegistry", "oauthClientSecret", (o, v) => o.SchemaRegistry.OAuthClientSecret = v, isSecret: true),
            new StringKey("schemaRegistry", "oauthScope", (o, v) => o.SchemaRegistry.OAuthScope = v),
            new StringKey("schemaRegistry", "tlsCAFile", (o, v) => o.SchemaRegistry.TlsCAFile = v),
            new StringKey("schemaRegistry", "tlsCertificateKeyFile", (o, v) => o.SchemaRegistry.TlsCertificateKeyFile = v),
            new ChoiceKey<SubjectNameStrategy>(
                "schemaRegistry", "subjectNameStrategy", (o, v) => o.SchemaRegistry.SubjectNameStrategy = v,
                ("topic", SubjectNameStrategy.Topic), ("record", SubjectNameStrategy.Record), ("topicRecord", SubjectNameStrategy.TopicRecord))),
        new SectionDefinition(
            "mapping",
            new ChoiceKey<ExtendedJsonMode>("mapping", "json", (o, v) => o.Mapping.Json = v, ("relaxed", ExtendedJsonMode.Relaxed), ("canonical", ExtendedJsonMode.Canonical)),
            new BooleanKey("mapping", "tombstonesOnDelete", (o, v) => o.Mapping.TombstonesOnDelete = v),
            new ChoiceKey<KeylessEventPolicy>(
                "mapping", "keylessEvents", (o, v) => o.Mapping.KeylessEvents = v,
                ("namespaceKey", KeylessEventPolicy.NamespaceKey), ("nullKey", KeylessEventPolicy.NullKey), ("skip", KeylessEventPolicy.Skip)),
            new ChoiceKey<ValueFormat>("mapping", "value", (o, v) => o.Mapping.Value = v, ("envelope", ValueFormat.Envelope), ("document", ValueFormat.Document)),
            new MapKey("mapping", "schemas", "<db.coll>=<.avsc file>", o => o.Mapping.Schemas, EnvironmentNames.Namespace),
            new ChoiceKey<OversizePolicy>(
                "mapping", "oversize", (o, v) => o.Mapping.Oversize = v,
                ("fail", OversizePolicy.Fail), ("deadLetter", OversizePolicy.DeadLetter), ("reference", OversizePolicy.Reference))),
        new SectionDefinition(
            "snapshot",
            new ChoiceKey<SnapshotMode>(
                "snapshot", "mode", (o, v) => o.Snapshot.Mode = v,
                ("initial", SnapshotMode.Initial), ("never", SnapshotMode.Never), ("initialOnly", SnapshotMode.InitialOnly), ("whenNeeded", SnapshotMode.WhenNeeded)),
            new IntegerKey("snapshot", "chunkSize", (o, v) => o.Snapshot.ChunkSize = v, minimum: 1, maximum: 100_000),
            new IntegerKey("snapshot", "parallelism", (o, v) => o.Snapshot.Parallelism = v, minimum: 1, maximum: 64),
            new StringListKey("snapshot", "includeNamespaces", (o, v) => o.Snapshot.IncludeNamespaces = v, ValueChecks.NamespacePattern),
            new StringListKey("snapshot", "excludeNamespaces", (o, v) => o.Snapshot.ExcludeNamespaces = v, ValueChecks.NamespacePattern)),
        new SectionDefinition(
            "checkpoint",
            new ChoiceKey<CheckpointStoreKind>(
                "checkpoint", "store", (o, v) => o.Checkpoint.Store = v,
                ("file", CheckpointStoreKind.File), ("kafka", CheckpointStoreKind.Kafka), ("mongodb", CheckpointStoreKind.MongoDb)),
            new StringKey("checkpoint", "path", (o, v) => o.Checkpoint.Path = v),
            new StringKey("checkpoint", "topic", (o, v) => o.Checkpoint.Topic = v, check: ValueChecks.TopicName),
            new StringKey("checkpoint", "collection", (o, v) => o.Checkpoint.Collection = v, check: ValueChecks.CollectionNamespace),
            new IntegerKey("checkpoint", "intervalMs", (o, v) => o.Checkpoint.IntervalMs = v, minimum: 1)),
        new SectionDefinition(
            "http",
            new BooleanKey("http", "enabled", (o, v) => o.Http.Enabled = v),
            new StringKey("http", "host", (o, v) => o.Http.Host = v!, optional: false, check: ValueChecks.ListenHost),
            new IntegerKey("http", "port", (o, v) => o.Http.Port = v, minimum: 0, maximum: 65535),
            new BooleanKey("http", "liveView", (o, v) => o.Http.LiveView = v)),
        new SectionDefinition(
            "pipeline",
            new StringKey("pipeline", "name", (o, v) => o.Pipeline.Name = v!, optional: false, check: ValueChecks.PipelineName),
            new IntegerKey("pipeline", "maxInFlightEvents", (o, v) => o.Pipeline.MaxInFlightEvents = v, minimum: 1),
            new IntegerKey("pipeline", "maxInFlightBytes", (o, v) => o.Pipeline.MaxInFlightBytes = v, minimum: 1024 * 1024),
            new IntegerKey("pipeline", "shutdownGraceMs", (o, v) => o.Pipeline.ShutdownGraceMs = v, minimum: 0),
            new IntegerKey("pipeline", "restartBackoffMs", (o, v) => o.Pipeline.RestartBackoffMs = v, minimum: 1),
            new IntegerKey("pipeline", "restartBackoffMaxMs", (o, v) => o.Pipeline.RestartBackoffMaxMs = v, minimum: 1)),
        new SectionDefinition(
            "logging",
            new ChoiceKey<LogLevel>(
                "logging",
                "level",
                (o, v) => o.Logging.Level = v,
                ("trace", LogLevel.Trace),
                ("debug", LogLevel.Debug),
                ("information", LogLevel.Information),
                ("warning", LogLevel.Warning),
                ("error", LogLevel.Error),
                ("critical", LogLevel.Critical)),
            new ChoiceKey<LogFormat>("logging", "format", (o, v) => o.Logging.Format = v, ("plain", LogFormat.Plain), ("json", LogFormat.Json))),
        new SectionDefinition(
            "telemetry",
            new StringKey("telemetry", "otlpEndpoint", (o, v) => o.Telemetry.OtlpEndpoint = v, check: ValueChecks.HttpUrl, redact: MongoUriRedactor.Redact),
            new ChoiceKey<OtlpExportProtocol>("telemetry", "otlpProtocol", (o, v) => o.Telemetry.OtlpProtocol = v, ("http/protobuf", OtlpExportProtocol.HttpProtobuf), ("grpc", OtlpExportProtocol.Grpc)),
            new IntegerKey("telemetry", "otlpIntervalMs", (o, v) => o.Telemetry.OtlpIntervalMs = v, minimum: 100)),
    ];

    /// <summary>The documented word of a typed choice ("collection" for <see cref="WatchScope.Collection"/>), from the key that binds it.</summary>
    public static string WordOf<T>(T value)
        where T : struct, Enum
    {
        foreach (var section in Sections)
        {
            foreach (var entry in section.Entries)
            {
                if (entry is ChoiceKey<T> key)
                {
                    return key.WordOf(value);
                }
            }
        }

        throw new ArgumentException($"No configuration key is a choice of {typeof(T).Name}.", nameof(value));
    }

    public static string KnownSectionNames => string.Join(", ", Sections.Select(section => section.Name));

    public static SectionDefinition? FindSection(string name, StringComparison comparison) =>
        Sections.FirstOrDefault(section => string.Equals(section.Name, name, comparison));

    /// <summary>"Unknown configuration key 'mapping.jsn' (in config.json). Known keys in 'mapping': json, …."</summary>
    public static string UnknownKey(string path, SectionDefinition? section, ValueOrigin origin)
    {
        var known = section is null
            ? $"Known sections: {KnownSectionNames}."
            : $"Known keys in '{section.Name}': {section.KnownNames}.";
        var hint = CaseHint(path);
        return $"Unknown configuration key '{path}'{origin.Suffix}. {known}{hint}";
    }

    /// <summary>
    /// Keys are case-sensitive in files and --set (they are a contract); point at the intended spelling: the same name
    /// in another case, else the closest known name by edit distance ("topicPrefx" → "topicPrefix").
    /// </summary>
    private static string CaseHint(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var sectionName = dot < 0 ? path : path[..dot];
        var section = FindSection(sectionName, StringComparison.OrdinalIgnoreCase)
            ?? FindSection(SpellingSuggestion.Closest(sectionName, Sections.Select(s => s.Name)) ?? string.Empty, StringComparison.Ordinal);
        if (section is null)
        {
            return string.Empty;
        }

        if (dot < 0)
        {
            return section.Name == path ? string.Empty : $" Did you mean '{section.Name}'?";
        }

        var rest = path[(dot + 1)..];
        var entryDot = rest.IndexOf('.', StringComparison.Ordinal);
        var entryName = entryDot < 0 ? rest : rest[..entryDot];
        var entry = section.Find(entryName, StringComparison.OrdinalIgnoreCase)
            ?? section.Find(SpellingSuggestion.Closest(entryName, section.Entries.Select(e => e.Name)) ?? string.Empty, StringComparison.Ordinal);
        if (entry is null)
        {
            return string.Empty;
        }

        var suggestion = entry.Path + (entryDot < 0 ? string.Empty : rest[entryDot..]);
        return suggestion == path ? string.Empty : $" Did you mean '{suggestion}'?";
    }
}
