using Cdc.Connector.Configuration;

namespace Cdc.Connector.Checkpoint;

/// <summary>How an operator removes this pipeline's checkpoint, per store, for the fixes `run` and `check` print.</summary>
internal static class CheckpointRemoval
{
    public static string Hint(CdcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pipeline = options.Pipeline.Name;
        return options.Checkpoint.Store switch
        {
            CheckpointStoreKind.Kafka => $"produce a tombstone (key '{pipeline}', null value) to topic {options.Checkpoint.Topic}",
            CheckpointStoreKind.MongoDb => $"delete the document {{_id: \"{pipeline}\"}} from {options.Checkpoint.Collection ?? MongoDbCheckpointStore.DefaultCollection}",
            _ => $"delete the file {options.Checkpoint.Path}",
        };
    }
}
