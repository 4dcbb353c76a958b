using Cdc.Schemas.Registry;

namespace Cdc.Connector.Check;

/// <summary>The schemaRegistry verdicts of `cdc check`, decided by HTTP status and the registry's error code.</summary>
internal static class RegistryRules
{
    public static CheckResult Unreachable(SchemaRegistryException error)
    {
        var detail = error.Message;
        return error.StatusCode switch
        {
            401 => CheckResult.Fail(CheckAreas.SchemaRegistry, "credentials", detail, "set schemaRegistry.basicAuth to user:password of a user the registry accepts"),
            403 => CheckResult.Fail(CheckAreas.SchemaRegistry, "credentials", detail, "grant the registry user read access to the configuration (GET /config) and write access to the connector's subjects"),
            null => CheckResult.Fail(CheckAreas.SchemaRegistry, "reachable", detail, "check schemaRegistry.url and that the registry is up and reachable from here"),
            _ => CheckResult.Fail(CheckAreas.SchemaRegistry, "reachable", detail, FixFor(error)),
        };
    }

    /// <summary>A subject's verdict: <paramref name="result"/> is null when the subject has no version yet.</summary>
    public static CheckResult Subject(string subject, string what, string topic, string level, SchemaCompatibilityResult? result)
    {
        var name = $"subject {subject}";
        if (result is null)
        {
            return CheckResult.Pass(CheckAreas.SchemaRegistry, name, $"not registered yet; the {what} schema of topic {topic} is registered at its first event (compatibility level {level})");
        }

        if (result.IsCompatible)
        {
            return CheckResult.Pass(CheckAreas.SchemaRegistry, name, $"the connector's {what} schema is compatible with the latest version (compatibility level {level})");
        }

        var why = result.Messages.Count == 0 ? string.Empty : ": " + string.Join("; ", result.Messages);
        return CheckResult.Fail(CheckAreas.SchemaRegistry, name,
            $"the connector's {what} schema is incompatible with the latest version under compatibility level {level}{why}",
            $"set the subject's compatibility to NONE (PUT /config/{subject}), delete its old versions, or publish to another topic (kafka.topicPrefix / kafka.topics)");
    }

    public static string FixFor(SchemaRegistryException error) => error.StatusCode switch
    {
        401 => "set schemaRegistry.basicAuth to user:password of a user the registry accepts",
        403 => "grant the registry user access to the connector's subjects",
        404 => "check that schemaRegistry.url is the registry's base URL",
        null => "check schemaRegistry.url and that the registry is up and reachable from here",
        _ => "check the registry's logs for the reason",
    };
}
