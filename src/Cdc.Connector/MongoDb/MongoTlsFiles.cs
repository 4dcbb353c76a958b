using Cdc.Connector.Configuration;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// mongodb.tlsCAFile and mongodb.tlsCertificateKeyFile: PEM files the connector reads itself and hands to the driver's
/// SSL settings, since the .NET driver does not take file options from the URI as other drivers do.
/// </summary>
internal sealed record MongoTlsFiles(string? CaFile, string? CertificateKeyFile)
{
    public static MongoTlsFiles None { get; } = new(null, null);

    public bool IsEmpty => CaFile is null && CertificateKeyFile is null;

    public static MongoTlsFiles From(MongoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MongoTlsFiles(options.TlsCAFile, options.TlsCertificateKeyFile);
    }
}
