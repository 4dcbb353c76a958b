using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Cdc.Schemas.Mapping;

namespace Cdc.Schemas.Tests.Mapping;

/// <summary>Malformed events give a <see cref="ChangeEventMappingException"/> naming the field, and nothing is written.</summary>
public sealed class MalformedEventTests
{
    private readonly ChangeEventMapper _mapper = new(new MappingOptions());

    public static TheoryData<string, string, string> Mutations() => new()
    {
        { "missing _id", "_id", "is missing" },
        { "_id without _data", "_id._data", "is missing" },
        { "_data not a string", "_id._data", "must be a string" },
        { "_id not a document", "_id", "must be a document" },
        { "missing operationType", "operationType", "is missing" },
        { "operationType not a string", "operationType", "must be a string" },
        { "empty operationType", "operationType", "empty" },
        { "missing clusterTime", "clusterTime", "is missing" },
        { "clusterTime a long", "clusterTime", "must be a BSON timestamp, found Int64" },
        { "wallTime a string", "wallTime", "must be a BSON date, found String" },
        { "ns a string", "ns", "must be a document" },
        { "ns without db", "ns.db", "is missing" },
        { "ns.db a number", "ns.db", "must be a string" },
        { "ns.coll a number", "ns.coll", "must be a string" },
        { "to an array", "to", "must be a document" },
        { "documentKey a string", "documentKey", "must be a document" },
        { "fullDocument a number", "fullDocument", "must be a document" },
        { "txnNumber a string", "txnNumber", "must be a 64-bit integer, found String" },
        { "txnNumber a double", "txnNumber", "must be a 64-bit integer, found Double" },
        { "lsid a string", "lsid", "must be a document" },
        { "updateDescription a string", "updateDescription", "must be a document" },
        { "updatedFields missing", "updateDescription.updatedFields", "is missing" },
        { "removedFields not an array", "updateDescription.removedFields", "must be an array" },
        { "removedFields item not a string", "updateDescription.removedFields", "item 1 must be a string" },
        { "truncatedArrays item without newSize", "updateDescription.truncatedArrays", "item 0: newSize is missing" },
        { "truncatedArrays newSize negative", "updateDescription.truncatedArrays", "is not a valid array size" },
        { "truncatedArrays item a string", "updateDescription.truncatedArrays", "must be a document" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void A_malformed_field_is_named_in_the_error_and_nothing_is_written(string mutation, string field, string problem)
    {
        var bson = TestEvents.From("update", json => Mutate(json, mutation));
        var key = new ArrayBufferWriter<byte>();
        var value = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<ChangeEventMappingException>(() => _mapper.Map(bson, key, value));

        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, key.WrittenCount);
        Assert.Equal(0, value.WrittenCount);
    }

    [Fact]
    public void A_truncated_event_is_reported_as_malformed_bson()
    {
        var bson = MappingFixtures.Bson("insert");
        var error = Assert.Throws<ChangeEventMappingException>(() => Map(bson.AsSpan(0, bson.Length / 2).ToArray()));
        Assert.Equal("(event)", error.Field);
        Assert.Contains("malformed BSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_cut_inside_an_element_with_a_patched_length_is_reported_as_malformed_bson()
    {
        var bson = MappingFixtures.Bson("insert");
        var cut = bson.AsSpan(0, bson.Length - 40).ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(cut, cut.Length);
        cut[^1] = 0;
        Assert.Contains("malformed BSON", Assert.Throws<ChangeEventMappingException>(() => Map(cut)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void An_event_too_short_for_a_document_is_rejected(int length) =>
        Assert.Throws<ChangeEventMappingException>(() => Map(new byte[length]));

    [Fact]
    public void A_corrupt_body_is_named_with_its_event_offset_and_nothing_is_written()
    {
        var bson = TestEvents.From("insert", json => json["fullDocument"] = new JsonObject { ["note"] = "corrupt-me" });
        // Make the string's length prefix point past the end of fullDocument.
        var text = TestEvents.IndexOf(bson, "corrupt-me");
        BinaryPrimitives.WriteInt32LittleEndian(bson.AsSpan(text - 4), 1000);
        var key = new ArrayBufferWriter<byte>();
        var value = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<ChangeEventMappingException>(() => _mapper.Map(bson, key, value));

        Assert.Equal("fullDocument", error.Field);
        Assert.Contains("event offset", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, key.WrittenCount);
        Assert.Equal(0, value.WrittenCount);
    }

    [Fact]
    public void A_field_that_appears_twice_is_rejected()
    {
        // Rename the rename event's top-level "to" to a second "ns" (same length, so the BSON stays well-formed).
        var bson = MappingFixtures.Bson("rename");
        var at = TestEvents.IndexOf(bson, "to\0");
        bson[at] = (byte)'n';
        bson[at + 1] = (byte)'s';
        var error = Assert.Throws<ChangeEventMappingException>(() => Map(bson));
        Assert.Equal("ns", error.Field);
        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespace_that_is_not_utf8_is_rejected_naming_ns()
    {
        var bson = TestEvents.From("insert", json => json["ns"] = new JsonObject { ["db"] = "sh\u00e9p", ["coll"] = "orders" });
        var at = TestEvents.IndexOf(bson, "sh\u00e9p");
        bson[at + 2] = 0xFF; // first byte of the two-byte é becomes an invalid lead byte
        var error = Assert.Throws<ChangeEventMappingException>(() => Map(bson));
        Assert.StartsWith("ns", error.Field, StringComparison.Ordinal);
    }

    private MappedEvent Map(byte[] bson) => _mapper.Map(bson, new ArrayBufferWriter<byte>(), new ArrayBufferWriter<byte>());

    private static void Mutate(JsonObject json, string mutation)
    {
        var update = json["updateDescription"]!.AsObject();
        switch (mutation)
        {
            case "missing _id": json.Remove("_id"); break;
            case "_id without _data": json["_id"] = new JsonObject { ["other"] = "x" }; break;
            case "_data not a string": json["_id"] = new JsonObject { ["_data"] = new JsonObject { ["$numberInt"] = "5" } }; break;
            case "_id not a document": json["_id"] = "8265"; break;
            case "missing operationType": json.Remove("operationType"); break;
            case "operationType not a string": json["operationType"] = new JsonObject { ["$numberInt"] = "1" }; break;
            case "empty operationType": json["operationType"] = string.Empty; break;
            case "missing clusterTime": json.Remove("clusterTime"); break;
            case "clusterTime a long": json["clusterTime"] = new JsonObject { ["$numberLong"] = "1710268882" }; break;
            case "wallTime a string": json["wallTime"] = "2024-03-12"; break;
            case "ns a string": json["ns"] = "shop.orders"; break;
            case "ns without db": json["ns"] = new JsonObject { ["coll"] = "orders" }; break;
            case "ns.db a number": json["ns"] = new JsonObject { ["db"] = new JsonObject { ["$numberInt"] = "1" }, ["coll"] = "orders" }; break;
            case "ns.coll a number": json["ns"] = new JsonObject { ["db"] = "shop", ["coll"] = new JsonObject { ["$numberInt"] = "1" } }; break;
            case "to an array": json["to"] = new JsonArray("shop", "x"); break;
            case "documentKey a string": json["documentKey"] = "64d6"; break;
            case "fullDocument a number": json["fullDocument"] = new JsonObject { ["$numberInt"] = "3" }; break;
            case "txnNumber a string": json["txnNumber"] = "42"; break;
            case "txnNumber a double": json["txnNumber"] = new JsonObject { ["$numberDouble"] = "4.5" }; break;
            case "lsid a string": json["lsid"] = "session"; break;
            case "updateDescription a string": json["updateDescription"] = "changed"; break;
            case "updatedFields missing": update.Remove("updatedFields"); break;
            case "removedFields not an array": update["removedFields"] = "coupon"; break;
            case "removedFields item not a string": update["removedFields"] = new JsonArray("coupon", new JsonObject { ["$numberInt"] = "1" }); break;
            case "truncatedArrays item without newSize": update["truncatedArrays"] = new JsonArray(new JsonObject { ["field"] = "history" }); break;
            case "truncatedArrays newSize negative":
                update["truncatedArrays"] = new JsonArray(new JsonObject { ["field"] = "history", ["newSize"] = new JsonObject { ["$numberInt"] = "-1" } });
                break;
            case "truncatedArrays item a string": update["truncatedArrays"] = new JsonArray("history"); break;
            default: throw new ArgumentException(mutation, nameof(mutation));
        }
    }
}
