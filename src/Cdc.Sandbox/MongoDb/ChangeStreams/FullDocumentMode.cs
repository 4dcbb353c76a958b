namespace Cdc.Sandbox.MongoDb.ChangeStreams;

/// <summary>The $changeStream fullDocument option.</summary>
internal enum FullDocumentMode
{
    Default,
    UpdateLookup,
    WhenAvailable,
    Required,
}
