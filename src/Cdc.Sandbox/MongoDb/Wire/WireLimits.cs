namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>The size limits a mongod advertises in hello and enforces on the wire.</summary>
internal static class WireLimits
{
    public const int HeaderLength = 16;

    public const int MaxBsonObjectSize = 16 * 1024 * 1024;

    public const int MaxMessageSizeBytes = 48_000_000;

    public const int MaxWriteBatchSize = 100_000;

    /// <summary>mongod accepts command bodies slightly over 16 MiB so an at-limit document still fits in its command.</summary>
    public const int MaxCommandBodySize = MaxBsonObjectSize + (16 * 1024);
}
