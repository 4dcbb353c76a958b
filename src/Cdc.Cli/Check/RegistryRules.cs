using Cdc.Connector.Registry;

namespace Cdc.Cli.Check;

/// <summary>The schemaRegistry verdicts of `cdc check`, decided by HTTP status and the registry's error code.</summary>
internal static class RegistryRules
{
    public static CheckResult Unreachable(RegistryRequestException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var detail = error.Message;
        return error.StatusCode switch
        {
            401 => CheckResult.Fail(CheckAreas.SchemaRegistry, "credentials", detail, CredentialsFix(error.AuthKind)),
            403 => CheckResult.Fail(CheckAreas.SchemaRegistry, "credentials", detail, "grant the registry user read access to the configuration (GET /config) and write access to the connector's subjects"),
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

    public static string FixFor(RegistryRequestException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.StatusCode switch
        {
            401 => CredentialsFix(error.AuthKind),
            403 => "grant the registry user access to the connector's subjects",
            404 => "check that schemaRegistry.url is the registry's base URL",
            null when error.IsTlsFailure => TlsFix,
            null => "check schemaRegistry.url and that the registry is up and reachable from here",
            _ => "check the registry's logs for the reason",
        };
    }

    /// <summary>What to check when no TLS handshake with the registry succeeded.</summary>
    public const string TlsFix = "check that schemaRegistry.tlsCAFile holds the CA that issued the registry's certificate (the system's roots count when it is unset), "
        + "that the certificate names the host of schemaRegistry.url, and that schemaRegistry.tlsCertificateKeyFile holds a certificate the registry accepts when it asks for one";

    /// <summary>What to set when the registry refuses the credentials, by the kind the configuration gives.</summary>
    public static string CredentialsFix(RegistryAuthKind kind) => kind switch
    {
        RegistryAuthKind.BearerToken => "set schemaRegistry.bearerToken to a token the registry accepts (not expired)",
        RegistryAuthKind.OAuth => "check schemaRegistry.oauthClientId, oauthClientSecret and oauthScope with the identity provider, and that the registry accepts its tokens",
        _ => "set schemaRegistry.basicAuth to user:password of a user the registry accepts",
    };
}
