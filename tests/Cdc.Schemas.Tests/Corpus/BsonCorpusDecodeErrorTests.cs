using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Tests.Corpus;

/// <summary>Every corpus "decodeErrors" case must be rejected, by the deep validator and by the Extended JSON writer.</summary>
public sealed class BsonCorpusDecodeErrorTests
{
    public static TheoryData<string> DecodeErrorCases => BsonCorpus.Cases("decodeErrors");

    [CorpusTheory]
    [MemberData(nameof(DecodeErrorCases))]
    public void Validator_rejects_the_bytes(string id)
    {
        var bson = BsonCorpus.Get(id, "decodeErrors").Bytes("bson")!;

        var error = Assert.Throws<BsonFormatException>(() => BsonValidator.Validate(bson));

        Assert.InRange(error.Offset, 0, bson.Length);
    }

    [CorpusTheory]
    [MemberData(nameof(DecodeErrorCases))]
    public void Extended_json_writer_rejects_the_bytes(string id)
    {
        var bson = BsonCorpus.Get(id, "decodeErrors").Bytes("bson")!;

        Assert.Throws<BsonFormatException>(() => ExtendedJsonWriter.ToJson(bson, ExtendedJsonMode.Relaxed));
        Assert.Throws<BsonFormatException>(() => ExtendedJsonWriter.ToJson(bson, ExtendedJsonMode.Canonical));
    }
}
