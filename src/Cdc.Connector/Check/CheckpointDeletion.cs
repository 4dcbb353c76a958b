using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;

namespace Cdc.Connector.Check;

/// <summary>How an operator removes this pipeline's checkpoint, per store, for the fixes `cdc check` prints.</summary>
internal static class CheckpointDeletion
{
    public static string Hint(CdcOptions options)
    {
        var pipeline = options.Pipeline.Name;
        return options.Checkpoint.Store switch
        {
            "kafka" => $"produce a tombstone (key '{pipeline}', null value) to topic {options.Checkpoint.Topic}",
            "mongodb" => $"delete the document {{_id: \"{pipeline}\"}} from {options.Checkpoint.Collection ?? MongoDbCheckpointStore.DefaultCollection}",
            _ => $"delete the file {options.Checkpoint.Path}",
        };
    }
}
