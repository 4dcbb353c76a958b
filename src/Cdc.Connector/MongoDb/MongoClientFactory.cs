using Cdc.Connector.Configuration;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;
using MongoDB.Driver.Core.Configuration;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// Makes every MongoDB client of the process from mongodb.uri: the handshake's application name (unless the URI sets
/// one), the driver's events routed to <see cref="MongoDriverLog"/>, and, for a caller that must answer in bounded time
/// (`cdc check`), server-selection and connect timeouts the URI did not set itself. Clients are thread-safe and hold
/// connection pools and monitors: make one per process and purpose, dispose it at the end.
/// </summary>
internal static class MongoClientFactory
{
    /// <summary>The handshake's client.application.name: shows the connector in the server's logs and currentOp.</summary>
    public const string ApplicationName = "cdc";

    public static MongoClient Create(string uri, string applicationName, ILoggerFactory loggerFactory, TimeSpan? timeLimit = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        ArgumentException.ThrowIfNullOrEmpty(applicationName);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(MongoDriverLog.Category);
        var connectionString = Parse(uri);
        foreach (var option in connectionString.AllUnknownOptionNames)
        {
            MongoDriverLog.UnknownUriOption(logger, option);
        }

        var settings = MongoClientSettings.FromConnectionString(uri);
        settings.ApplicationName ??= applicationName;
        if (timeLimit is { } limit)
        {
            if (connectionString.ServerSelectionTimeout is null)
            {
                settings.ServerSelectionTimeout = limit;
            }

            if (connectionString.ConnectTimeout is null)
            {
                settings.ConnectTimeout = limit;
            }
        }

        settings.ClusterConfigurator = builder => MongoDriverLog.Subscribe(builder, logger);
        return new MongoClient(settings);
    }

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

    private static ConnectionString Parse(string uri)
    {
        if (Problem(uri) is { } problem)
        {
            throw new ConfigurationException($"'mongodb.uri' {MongoUriRedactor.Redact(uri)} is not a valid MongoDB connection string: {problem}.");
        }

        return new ConnectionString(uri);
    }
}
