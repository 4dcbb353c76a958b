using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>A parsed OP_MSG: the command body with every kind-1 document sequence merged in as an array field.</summary>
internal sealed record OpMsgRequest(MessageHeader Header, OpMsgFlags Flags, Doc Command)
{
    public bool MoreToCome => (Flags & OpMsgFlags.MoreToCome) != 0;

    public bool ChecksumPresent => (Flags & OpMsgFlags.ChecksumPresent) != 0;
}
