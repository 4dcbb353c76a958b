using Cdc.Connector.Configuration;
using Cdc.Connector.Registry;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;
using Cdc.Schemas.Typed;

namespace Cdc.Cli.Check;

/// <summary>
/// The schemaRegistry area of `cdc check`: the registry answers with these credentials (reading the global
/// compatibility level), and for a collection-scope stream each subject the connector will register under that
/// already exists accepts the connector's envelope key and value schemas (the registry's own compatibility test
/// against the latest version, under the subject's level); with typed values, that the value subject is empty or holds
/// a typed value schema. Registers nothing.
/// </summary>
internal sealed class SchemaRegistryChecker
{
    private readonly CdcOptions _options;
    private readonly TimeSpan _limit;

    public SchemaRegistryChecker(CdcOptions options, TimeSpan limit)
    {
        _options = options;
        _limit = limit;
    }

    public void Run(CheckReport report)
    {
        var area = CheckAreas.SchemaRegistry;
        RegistryClient client;
        try
        {
            client = RegistryClient.Create(RegistryClientOptions.From(_options.SchemaRegistry, _limit));
        }
        catch (ArgumentException ex)
        {
            report.Add(CheckResult.Fail(area, "reachable", ex.Message, "correct schemaRegistry.url, its credentials (basicAuth, bearerToken, oauth*) or its TLS files (tlsCAFile, tlsCertificateKeyFile)"));
            return;
        }

        using (client)
        {
            string globalLevel;
            try
            {
                globalLevel = Wait(client.GetCompatibilityLevelAsync(null, CancellationToken.None));
            }
            catch (RegistryRequestException ex)
            {
                report.Add(RegistryRules.Unreachable(ex));
                return;
            }
            catch (TimeoutException ex)
            {
                report.Add(CheckResult.Fail(area, "reachable", $"no answer: {ex.Message}", "check schemaRegistry.url and that the registry is up and reachable from here"));
                return;
            }

            report.Add(CheckResult.Pass(area, "reachable", $"answered with {(HasCredentials ? "the configured credentials" : "no credentials")}; global compatibility level {globalLevel}"));
            if (_options.MongoDb.Scope != WatchScope.Collection)
            {
                report.Add(CheckResult.Pass(area, "subjects",
                    $"a {ConfigurationSchema.WordOf(_options.MongoDb.Scope)}-scope stream registers one key and one value subject per topic ({ConfigurationSchema.WordOf(_options.SchemaRegistry.SubjectNameStrategy)} strategy) at each topic's first event; their compatibility is checked then"));
                return;
            }

            var strategy = _options.SchemaRegistry.SubjectNameStrategy;
            var topic = KafkaChecker.CollectionTopic(_options);
            var schemas = EnvelopeSchemas.ForTopic(topic);
            report.Add(CheckSubject(client, strategy, topic, isKey: true, schemas.Key));
            report.Add(_options.Mapping.Value == ValueFormat.Document
                ? CheckTypedSubject(client, SubjectNames.For(strategy, topic, isKey: false, schemas.Value.FullName))
                : CheckSubject(client, strategy, topic, isKey: false, schemas.Value));
        }
    }

    /// <summary>
    /// Typed values (mapping.value=document): the value subject is the schema ledger's. Empty, it is started at the
    /// first event; holding a typed value schema, the connector goes on from it; holding anything else (an earlier
    /// envelope, another producer's), `cdc run` would stop at the first event, so this fails with the same fix.
    /// </summary>
    private CheckResult CheckTypedSubject(RegistryClient client, string subject)
    {
        var check = $"subject {subject}";
        try
        {
            if (Wait(client.GetLatestAsync(subject, CancellationToken.None)) is not { } latest)
            {
                return CheckResult.Pass(CheckAreas.SchemaRegistry, check, "no version yet: typed values start it at the first event (declared schema, the collection's validator, or the first document)");
            }

            try
            {
                TypedValueSchemas.Accept(latest.SchemaJson, TypedSchemaOrigin.Inferred);
            }
            catch (TypedSchemaException) when (IsDeclaredTypedSchema(latest.SchemaJson))
            {
                // A declared record's fields need not be nullable; it is still a typed value schema.
            }
            catch (TypedSchemaException ex)
            {
                return CheckResult.Fail(
                    CheckAreas.SchemaRegistry,
                    check,
                    $"its latest version ({latest.Version}, id {latest.Id}) is not a typed value schema: {ex.Message}",
                    "the topic holds records of another shape (the envelope of mapping.value=envelope, or another producer's); publish typed values to another topic (kafka.topicPrefix or kafka.topics), or delete the subject's versions if nothing reads them");
            }

            return CheckResult.Pass(CheckAreas.SchemaRegistry, check, $"typed values go on from version {latest.Version} (id {latest.Id}), widened as documents need");
        }
        catch (RegistryRequestException ex)
        {
            return CheckResult.Fail(CheckAreas.SchemaRegistry, check, ex.Message, RegistryRules.FixFor(ex));
        }
        catch (TimeoutException ex)
        {
            return CheckResult.Fail(CheckAreas.SchemaRegistry, check, $"no answer: {ex.Message}", "check that the registry is up and reachable from here");
        }
    }

    private static bool IsDeclaredTypedSchema(string schemaJson)
    {
        try
        {
            TypedValueSchemas.Accept(schemaJson, TypedSchemaOrigin.Declared);
            return true;
        }
        catch (TypedSchemaException)
        {
            return false;
        }
    }

    private bool HasCredentials => !string.IsNullOrEmpty(_options.SchemaRegistry.BasicAuth) || _options.SchemaRegistry.Url!.Contains('@', StringComparison.Ordinal)
        || _options.SchemaRegistry.BearerToken is not null || _options.SchemaRegistry.OAuthClientId is not null;

    private CheckResult CheckSubject(RegistryClient client, SubjectNameStrategy strategy, string topic, bool isKey, AvroRecordSchema schema)
    {
        var subject = SubjectNames.For(strategy, topic, isKey, schema.FullName);
        var what = isKey ? "key" : "value";
        try
        {
            var level = Wait(client.GetCompatibilityLevelAsync(subject, CancellationToken.None));
            SchemaCompatibilityResult? result;
            try
            {
                result = Wait(client.TestCompatibilityAsync(subject, schema.ToJson(), CancellationToken.None));
            }
            catch (RegistryRequestException ex) when (ex.ErrorCode is 40401 or 40402)
            {
                result = null;
            }

            return RegistryRules.Subject(subject, what, topic, level, result);
        }
        catch (RegistryRequestException ex)
        {
            return CheckResult.Fail(CheckAreas.SchemaRegistry, $"subject {subject}", ex.Message, RegistryRules.FixFor(ex));
        }
        catch (TimeoutException ex)
        {
            return CheckResult.Fail(CheckAreas.SchemaRegistry, $"subject {subject}", $"no answer: {ex.Message}", "check that the registry is up and reachable from here");
        }
    }

    /// <summary>The client bounds each request by the limit; this bounds the wait for all its URLs together (and an OAuth token request).</summary>
    private T Wait<T>(Task<T> task)
    {
        var requests = _options.SchemaRegistry.Url!.Split(',', StringSplitOptions.RemoveEmptyEntries).Length + (_options.SchemaRegistry.OAuthClientId is null ? 0 : 1);
        return task.WaitAsync(_limit * requests + TimeSpan.FromSeconds(2)).GetAwaiter().GetResult();
    }
}
