using Cdc.Connector.Configuration;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Microsoft.Extensions.Logging;

namespace Cdc.Cli.Runtime;

/// <summary>
/// The one start-up line that says what this connector is wired to, before the pipeline runs: pipeline name, what is
/// watched, Kafka, the Schema Registry, the checkpoint store and the HTTP address. Passwords in URLs are masked and
/// the registry's credentials and TLS files are only said to be set. Where the stream resumes from, and why, is the runner's own line.
/// </summary>
internal static class StartupSummary
{
    public static void Log(ILogger logger, CdcOptions options, IPipelineEnvironment environment, Uri? httpAddress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var registry = Registry(options.SchemaRegistry);
        var http = httpAddress?.ToString().TrimEnd('/') ?? "disabled";
        OperationsLog.Summary(
            logger,
            ProductVersion.Value,
            options.Pipeline.Name,
            environment.Watching,
            options.Kafka.BootstrapServers ?? "(none)",
            registry,
            environment.CheckpointStore.Description,
            http);
    }

    /// <summary>The registry URLs with any user info masked, and which credentials and TLS files are configured (never their values).</summary>
    public static string Registry(SchemaRegistrySettings registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var urls = (registry.Url ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var redacted = string.Join(",", urls.Select(MongoUriRedactor.Redact));
        var notes = new List<string>();
        if (!string.IsNullOrEmpty(registry.BasicAuth))
        {
            notes.Add("basic auth");
        }

        if (registry.BearerToken is not null)
        {
            notes.Add("bearer token");
        }

        if (registry.OAuthClientId is not null)
        {
            notes.Add("OAuth client credentials");
        }

        if (registry.TlsCAFile is not null)
        {
            notes.Add("CA file");
        }

        if (registry.TlsCertificateKeyFile is not null)
        {
            notes.Add("client certificate");
        }

        return notes.Count == 0 ? redacted : $"{redacted} ({string.Join(", ", notes)})";
    }
}
