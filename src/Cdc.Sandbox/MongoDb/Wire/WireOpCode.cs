namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>The opcodes of the MongoDB wire protocol that the emulator recognises.</summary>
internal enum WireOpCode
{
    Reply = 1,
    Query = 2004,
    Compressed = 2012,
    Msg = 2013,
}
