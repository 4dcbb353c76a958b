using Cdc.Connector.Cli;
using Cdc.Connector.Configuration;
using Cdc.Connector.Observability;
using Cdc.Connector.Pipeline;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Hosting;

/// <summary>
/// The one start-up line that says what this connector is wired to, before the pipeline runs: pipeline name, what is
/// watched, Kafka, the Schema Registry, the checkpoint store and the HTTP address. Passwords in URLs are masked and
/// schemaRegistry.basicAuth is only said to be set. Where the stream resumes from, and why, is the runner's own line.
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

    /// <summary>The registry URLs with any user info masked, and whether basic auth is configured (never its value).</summary>
    public static string Registry(SchemaRegistrySettings registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var urls = (registry.Url ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var redacted = string.Join(",", urls.Select(MongoUriRedactor.Redact));
        return string.IsNullOrEmpty(registry.BasicAuth) ? redacted : redacted + " (basic auth)";
    }
}
