using Cdc.Connector.Configuration;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Checkpoint;

/// <summary>STUB (contract): the store checkpoint.store names (file | kafka | mongodb), keyed by pipeline.name.</summary>
internal static class CheckpointStoreFactory
{
    public static ICheckpointStore Create(CdcOptions options, ILoggerFactory loggerFactory) =>
        throw new NotImplementedException(options.Checkpoint.Store + loggerFactory);
}
