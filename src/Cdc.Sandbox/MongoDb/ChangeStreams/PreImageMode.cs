namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>The $changeStream fullDocumentBeforeChange option.</summary>
internal enum PreImageMode
{
    Off,
    WhenAvailable,
    Required,
}
