namespace Cdc.Sandbox.MongoDb.Storage;

/// <summary>What a committed oplog entry did; change stream event types are derived from these.</summary>
internal enum OplogOperation
{
    Insert,
    Update,
    Replace,
    Delete,
    Create,
    Drop,
    Rename,
    DropDatabase,
    CreateIndexes,
    DropIndexes,
    Modify,
}
