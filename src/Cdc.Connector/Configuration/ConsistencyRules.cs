namespace Cdc.Connector.Configuration;

/// <summary>
/// Checks across keys, run once every source is applied (a later source may repair an earlier one). Each rule is a
/// combination that cannot mean what the user wants; requirements that only `run`/`check` have live in
/// <see cref="RunRequirements"/>, so `inspect` works with no endpoints configured.
/// </summary>
internal static class ConsistencyRules
{
    public static void Check(CdcOptions options, ConfigurationProblems problems)
    {
        CheckScope(options.MongoDb, problems);
        CheckCheckpoint(options.Checkpoint, problems);
        CheckTopics(options.Kafka, problems);
        TopicCollisionRules.Check(options, problems);
        ProducerProperties.Check(options, problems);
        CheckNamespaceFilters(options.MongoDb, problems);
        CheckBackoff(options.Pipeline, problems);
        CheckLiveView(options.Http, problems);
        CheckRegistry(options.SchemaRegistry, problems);
        TypedValueRules.Check(options, problems);
        OversizeRules.Check(options, problems);
    }

    /// <summary>One kind of registry credentials, complete, and TLS files only where a URL uses TLS.</summary>
    private static void CheckRegistry(SchemaRegistrySettings registry, ConfigurationProblems problems)
    {
        var urls = (registry.Url ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .ToArray();
        var urlCredentials = urls.Where(uri => uri.UserInfo.Length > 0).Select(uri => Uri.UnescapeDataString(uri.UserInfo)).Distinct(StringComparer.Ordinal).Count();
        var oauth = new (string Key, string? Value)[]
        {
            ("oauthTokenEndpointUrl", registry.OAuthTokenEndpointUrl), ("oauthClientId", registry.OAuthClientId), ("oauthClientSecret", registry.OAuthClientSecret), ("oauthScope", registry.OAuthScope),
        };
        var kinds = new List<string>();
        if (registry.BasicAuth is not null || urlCredentials > 0)
        {
            kinds.Add(registry.BasicAuth is not null ? "'schemaRegistry.basicAuth'" : "credentials in 'schemaRegistry.url'");
        }

        if (registry.BearerToken is not null)
        {
            kinds.Add("'schemaRegistry.bearerToken'");
        }

        if (oauth.Any(entry => entry.Value is not null))
        {
            kinds.Add("'schemaRegistry.oauth…'");
            var missing = oauth.Take(3).Where(entry => entry.Value is null).Select(entry => $"'schemaRegistry.{entry.Key}'").ToArray();
            if (missing.Length > 0)
            {
                problems.AddAcrossKeys($"'schemaRegistry.oauthTokenEndpointUrl', 'schemaRegistry.oauthClientId' and 'schemaRegistry.oauthClientSecret' must all be set for OAuth; missing: {string.Join(", ", missing)}.");
            }
        }

        if (kinds.Count > 1)
        {
            problems.AddAcrossKeys($"The Schema Registry credentials are set in more than one way ({string.Join(", ", kinds)}): the registry takes one kind; keep one.");
        }

        if (registry.BasicAuth is null && urlCredentials > 1)
        {
            problems.AddAcrossKeys("The URLs of 'schemaRegistry.url' carry different credentials, but the registry client sends one set to every URL: give them once in 'schemaRegistry.basicAuth'.");
        }

        if (urls.Length > 0 && !urls.Any(uri => uri.Scheme == Uri.UriSchemeHttps))
        {
            foreach (var (key, value) in new[] { ("tlsCAFile", registry.TlsCAFile), ("tlsCertificateKeyFile", registry.TlsCertificateKeyFile) })
            {
                if (value is not null)
                {
                    problems.AddAcrossKeys($"'schemaRegistry.{key}' is set, but no URL of 'schemaRegistry.url' is https://: it applies to TLS connections only.");
                }
            }
        }
    }

    private static void CheckNamespaceFilters(MongoDbOptions mongo, ConfigurationProblems problems)
    {
        if (mongo.Scope == WatchScope.Collection && (mongo.IncludeNamespaces.Count > 0 || mongo.ExcludeNamespaces.Count > 0))
        {
            problems.AddAcrossKeys("'mongodb.includeNamespaces' and 'mongodb.excludeNamespaces' filter a database or cluster stream, but 'mongodb.scope' is collection: remove them.");
        }

        foreach (var pattern in mongo.IncludeNamespaces)
        {
            if (mongo.ExcludeNamespaces.Contains(pattern))
            {
                problems.AddAcrossKeys($"'{pattern}' is in both 'mongodb.includeNamespaces' and 'mongodb.excludeNamespaces'.");
            }
        }
    }

    private static void CheckLiveView(HttpOptions http, ConfigurationProblems problems)
    {
        if (http.LiveView && !http.Enabled)
        {
            problems.AddAcrossKeys("'http.liveView' is true but 'http.enabled' is false: the live view is served on the operations endpoint. Set http.enabled=true, or http.liveView=false.");
        }
    }

    private static void CheckBackoff(PipelineOptions pipeline, ConfigurationProblems problems)
    {
        if (pipeline.RestartBackoffMaxMs < pipeline.RestartBackoffMs)
        {
            problems.AddAcrossKeys($"'pipeline.restartBackoffMaxMs' ({pipeline.RestartBackoffMaxMs}) must not be below 'pipeline.restartBackoffMs' ({pipeline.RestartBackoffMs}).");
        }
    }

    private static void CheckScope(MongoDbOptions mongo, ConfigurationProblems problems)
    {
        switch (mongo.Scope)
        {
            case WatchScope.Collection:
                if (mongo.Database is null || mongo.Collection is null)
                {
                    problems.AddAcrossKeys("'mongodb.scope' is collection, so 'mongodb.database' and 'mongodb.collection' must both be set.");
                }

                break;
            case WatchScope.Database:
                if (mongo.Database is null)
                {
                    problems.AddAcrossKeys("'mongodb.scope' is database, so 'mongodb.database' must be set.");
                }

                if (mongo.Collection is not null)
                {
                    problems.AddAcrossKeys("'mongodb.scope' is database, but 'mongodb.collection' is set: use scope collection to watch one collection, or remove 'mongodb.collection'.");
                }

                break;
            default:
                if (mongo.Database is not null || mongo.Collection is not null)
                {
                    problems.AddAcrossKeys("'mongodb.scope' is cluster, but 'mongodb.database' or 'mongodb.collection' is set: choose scope database or collection, or remove them (filter namespaces with 'mongodb.pipeline').");
                }

                break;
        }
    }

    private static void CheckCheckpoint(CheckpointOptions checkpoint, ConfigurationProblems problems)
    {
        if (checkpoint.Store != CheckpointStoreKind.File && checkpoint.Path is not null)
        {
            problems.AddAcrossKeys($"'checkpoint.path' is set, but 'checkpoint.store' is {ConfigurationSchema.WordOf(checkpoint.Store)}: the path is only used by the file store.");
        }

        if (checkpoint.Store != CheckpointStoreKind.Kafka && checkpoint.Topic is not null)
        {
            problems.AddAcrossKeys($"'checkpoint.topic' is set, but 'checkpoint.store' is {ConfigurationSchema.WordOf(checkpoint.Store)}: the topic is only used by the kafka store.");
        }

        if (checkpoint.Store != CheckpointStoreKind.MongoDb && checkpoint.Collection is not null)
        {
            problems.AddAcrossKeys($"'checkpoint.collection' is set, but 'checkpoint.store' is {ConfigurationSchema.WordOf(checkpoint.Store)}: the collection is only used by the mongodb store.");
        }
    }

    private static void CheckTopics(KafkaOptions kafka, ConfigurationProblems problems)
    {
        foreach (var (ns, topic) in kafka.Topics)
        {
            var dot = ns.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == ns.Length - 1)
            {
                problems.AddAcrossKeys($"'kafka.topics.{ns}' must name a namespace as <database>.<collection>.");
            }

            if (KafkaTopicNames.Problem(topic) is { } problem)
            {
                problems.AddAcrossKeys($"'kafka.topics.{ns}' {problem}; got \"{topic}\".");
            }
        }
    }
}
