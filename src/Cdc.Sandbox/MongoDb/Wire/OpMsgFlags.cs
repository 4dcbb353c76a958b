namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>OP_MSG flagBits. Bits 0–15 are "required": a receiver must reject any it does not know.</summary>
[Flags]
internal enum OpMsgFlags : uint
{
    None = 0,
    ChecksumPresent = 1u << 0,
    MoreToCome = 1u << 1,
    ExhaustAllowed = 1u << 16,
}
