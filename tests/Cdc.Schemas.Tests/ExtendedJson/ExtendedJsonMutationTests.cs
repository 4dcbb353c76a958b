using System.Text;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Tests.Bson;

namespace Cdc.Schemas.Tests.ExtendedJson;

/// <summary>Corrupted Extended JSON must be parsed or rejected with ExtendedJsonException, never crash.</summary>
public sealed class ExtendedJsonMutationTests
{
    private static readonly byte[] Interesting = "{}[]\":,0-.e$\\ aZ"u8.ToArray();

    [Fact]
    public void Every_single_byte_corruption_is_parsed_or_rejected_cleanly()
    {
        var original = Encoding.UTF8.GetBytes(ExtendedJsonWriter.ToJson(BsonTestDocuments.Mixed(), ExtendedJsonMode.Canonical));
        var accepted = 0;
        for (var position = 0; position < original.Length; position++)
        {
            foreach (var replacement in Interesting)
            {
                var mutated = (byte[])original.Clone();
                mutated[position] = replacement;
                try
                {
                    BsonValidator.Validate(ExtendedJsonParser.ParseDocument(mutated));
                    accepted++;
                }
                catch (ExtendedJsonException)
                {
                }
            }
        }

        Assert.InRange(accepted, 1, original.Length * Interesting.Length);
    }
}
