using Cdc.Connector.Checkpoint;

namespace Cdc.Demo;

/// <summary>
/// Reads the demo's checkpoint file as an operator would, for the view when the connector's live status does not
/// (yet) know its committed position. The store replaces the file by an atomic rename, so a read sees a whole
/// checkpoint or none.
/// </summary>
internal static class CheckpointFileView
{
    public static StoredCheckpoint? TryRead(string path, string pipeline)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            return CheckpointCodec.Decode(File.ReadAllBytes(path), pipeline, new CheckpointLocation($"file {path}", "none: the demo's checkpoint is temporary"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CheckpointStoreException)
        {
            return null;
        }
    }
}
