using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Tests.Bson;

/// <summary>
/// Corrupted input must end in the documented exception, never in an IndexOutOfRange/ArgumentOutOfRange crash or a
/// hang: every single-byte change and every truncation of a document rich in types is pushed through the
/// validator and the Extended JSON writer.
/// </summary>
public sealed class BsonMutationTests
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x04, 0x05, 0x7F, 0x80, 0xC3, 0xE9, 0xFF];

    [Fact]
    public void Every_single_byte_corruption_is_accepted_or_rejected_cleanly()
    {
        var original = RichDocument();
        var rejected = 0;
        for (var position = 0; position < original.Length; position++)
        {
            foreach (var replacement in Interesting)
            {
                var mutated = (byte[])original.Clone();
                mutated[position] = replacement;
                rejected += ConsistentVerdict(mutated) ? 0 : 1;
            }
        }

        Assert.InRange(rejected, 1, original.Length * Interesting.Length);
    }

    [Fact]
    public void Every_truncation_is_rejected_cleanly()
    {
        var original = RichDocument();
        for (var length = 0; length < original.Length; length++)
        {
            Assert.False(ConsistentVerdict(original[..length]), $"truncated to {length} bytes was accepted");
        }
    }

    /// <summary>True when accepted; the validator and the writer must agree, and only BsonFormatException may escape.</summary>
    private static bool ConsistentVerdict(byte[] bson)
    {
        var validatorAccepts = Accepts(() => BsonValidator.Validate(bson));
        var writerAccepts = Accepts(() => ExtendedJsonWriter.ToJson(bson, ExtendedJsonMode.Canonical));
        Assert.Equal(validatorAccepts, writerAccepts);
        return validatorAccepts;
    }

    private static bool Accepts(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (BsonFormatException)
        {
            return false;
        }
    }

    private static byte[] RichDocument()
    {
        var scope = new BsonWriter();
        scope.WriteStartDocument();
        scope.WriteInt32("x", 1);
        scope.WriteEndDocument();

        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteString("s", "é☆");
        writer.WriteBinary("old", 0x02, [1, 2]);
        writer.WriteRegularExpression("r", "a", "i");
        writer.WriteDBPointer("p", "c", new byte[12]);
        writer.WriteJavaScriptWithScope("cs", "f", scope.WrittenSpan);
        writer.WriteStartArray("a");
        writer.WriteBoolean("0", true);
        writer.WriteDecimal128("1", Decimal128.Parse("1.5"));
        writer.WriteEndArray();
        writer.WriteEndDocument();
        return writer.ToArray();
    }
}
