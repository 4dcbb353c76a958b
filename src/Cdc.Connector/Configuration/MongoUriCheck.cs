using MongoDB.Driver;
using MongoDB.Driver.Core.Configuration;

namespace Cdc.Connector.Configuration;

/// <summary>
/// mongodb.uri judged by the MongoDB driver's own parser, nothing contacted: the configuration checks it when it loads,
/// and <c>MongoDb.MongoClientFactory</c> refuses a client for a URI it finds a problem in.
/// </summary>
internal static class MongoUriCheck
{
    /// <summary>
    /// Parses mongodb.uri the way the driver will: null when it is usable, else the driver's reason, with any URI in it
    /// shown without its password. For configuration validation, before anything connects.
    /// </summary>
    public static string? Problem(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        try
        {
            var connectionString = new ConnectionString(uri);
            _ = MongoClientSettings.FromConnectionString(uri);
            return Unsupported(connectionString);
        }
        // NotSupportedException: an authMechanism the driver does not know (?authMechanism=SCRAM-SHA-512).
        catch (Exception ex) when (ex is MongoConfigurationException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return SecretRedactor.RedactText(ex.Message.Replace(uri, MongoUriRedactor.Redact(uri), StringComparison.Ordinal).TrimEnd('.'));
        }
    }

    /// <summary>
    /// What the driver would accept but not do: options it does not read from a connection string (it only warns, and
    /// TLS then fails or is not checked as meant) and a mechanism whose package this build does not carry.
    /// </summary>
    private static string? Unsupported(ConnectionString connectionString)
    {
        if (string.Equals(connectionString.AuthMechanism, "MONGODB-AWS", StringComparison.OrdinalIgnoreCase))
        {
            return "authMechanism MONGODB-AWS needs the driver's separate AWS authentication package, which this build of cdc does not include; use SCRAM (a user and password) instead";
        }

        foreach (var option in connectionString.AllUnknownOptionNames)
        {
            if (UnsupportedTlsOption(option) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? UnsupportedTlsOption(string option) => option.ToUpperInvariant() switch
    {
        "TLSCAFILE" => $"the MongoDB C# driver does not read {option} from a connection string, so the CA would be ignored and TLS would fail: add the CA to this machine's trust store (on Debian/Ubuntu: copy it to /usr/local/share/ca-certificates/ and run update-ca-certificates) and remove {option}",
        "TLSCERTIFICATEKEYFILE" or "TLSCERTIFICATEKEYFILEPASSWORD" => $"the MongoDB C# driver does not read {option} from a connection string, and cdc cannot present a client certificate (X.509) yet: authenticate with SCRAM (a user and password) and remove {option}",
        "TLSALLOWINVALIDHOSTNAMES" or "TLSALLOWINVALIDCERTIFICATES" => $"the MongoDB C# driver does not read {option} from a connection string, so it would have no effect: fix the server's certificate, or set tlsInsecure=true to turn every certificate check off (not for production)",
        _ => null,
    };
}
