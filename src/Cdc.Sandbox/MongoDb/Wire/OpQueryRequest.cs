using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>A parsed legacy OP_QUERY; only commands on <c>&lt;db&gt;.$cmd</c> (the handshake) are served.</summary>
internal sealed record OpQueryRequest(MessageHeader Header, int Flags, string FullCollectionName, int NumberToSkip, int NumberToReturn, Doc Query)
{
    public bool IsCommand => FullCollectionName.EndsWith(".$cmd", StringComparison.Ordinal);

    public string Database => FullCollectionName[..FullCollectionName.IndexOf('.', StringComparison.Ordinal)];
}
