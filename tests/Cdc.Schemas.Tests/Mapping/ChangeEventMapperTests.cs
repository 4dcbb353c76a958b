using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;

namespace Cdc.Schemas.Tests.Mapping;

public sealed class ChangeEventMapperTests
{
    private readonly ChangeEventMapper _mapper = new(new MappingOptions());

    [Fact]
    public void Identical_document_keys_give_byte_identical_keys_across_operation_types()
    {
        var keys = ((string[])["insert", "update", "replace", "delete-preimage"])
            .Select(name => MappingFixtures.Map(_mapper, MappingFixtures.Bson(name)).Key)
            .ToList();

        Assert.All(keys, key => Assert.Equal(keys[0], key));
        // A fresh mapper with other settings (a restart with another configuration) gives the same bytes.
        var other = new ChangeEventMapper(new MappingOptions(jsonMode: ExtendedJsonMode.Canonical, tombstonesOnDelete: false));
        Assert.Equal(keys[0], MappingFixtures.Map(other, MappingFixtures.Bson("update")).Key);
        Assert.NotEqual(keys[0], MappingFixtures.Map(_mapper, MappingFixtures.Bson("transaction-insert")).Key);
    }

    [Fact]
    public void The_key_is_the_avro_string_of_the_canonical_document_key()
    {
        var output = MappingFixtures.Map(_mapper, MappingFixtures.Bson("sharded-update"));
        Assert.Equal(MappedKey.Written, output.Event.Key);
        Assert.Equal("""{"region":"eu-west","_id":{"$oid":"65f0a3d2aabbccddeeff0011"}}""", AvroString(output.Key));
    }

    [Theory]
    [InlineData("insert")]
    [InlineData("transaction-insert")]
    public void Bodies_follow_the_json_mode_but_document_key_and_lsid_stay_canonical(string fixture)
    {
        var relaxed = MappingFixtures.Map(_mapper, MappingFixtures.Bson(fixture));
        var canonical = MappingFixtures.Map(
            new ChangeEventMapper(new MappingOptions(jsonMode: ExtendedJsonMode.Canonical)), MappingFixtures.Bson(fixture));

        Assert.Equal(relaxed.Key, canonical.Key);
        var relaxedText = Encoding.UTF8.GetString(relaxed.Value);
        var canonicalText = Encoding.UTF8.GetString(canonical.Value);
        foreach (var text in (string[])[relaxedText, canonicalText])
        {
            Assert.Contains("{\"_id\":{\"$oid\":\"64d6582130a4d4b8e4c4a1f", text, StringComparison.Ordinal);
        }

        if (fixture == "insert")
        {
            Assert.Contains("\"qty\":2", relaxedText, StringComparison.Ordinal);
            Assert.Contains("\"qty\":{\"$numberInt\":\"2\"}", canonicalText, StringComparison.Ordinal);
            Assert.Contains("\"placedAt\":{\"$date\":\"2024-03-12T18:41:08", relaxedText, StringComparison.Ordinal);
        }
        else
        {
            // lsid: canonical binary in both modes, so the two values are byte-identical here.
            Assert.Contains("\"uid\":{\"$binary\":{\"base64\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"subType\":\"00\"}}", relaxedText, StringComparison.Ordinal);
            Assert.Equal(relaxed.Value, canonical.Value);
        }
    }

    [Fact]
    public void A_delete_is_followed_by_a_tombstone_unless_disabled()
    {
        Assert.True(MappingFixtures.Map(_mapper, MappingFixtures.Bson("delete-preimage")).Event.TombstoneFollows);
        Assert.False(MappingFixtures.Map(_mapper, MappingFixtures.Bson("update")).Event.TombstoneFollows);
        var without = new ChangeEventMapper(new MappingOptions(tombstonesOnDelete: false));
        Assert.False(MappingFixtures.Map(without, MappingFixtures.Bson("delete-preimage")).Event.TombstoneFollows);
    }

    [Theory]
    [InlineData("drop", "cdc.shop.orders", """{"ns":{"db":"shop","coll":"orders"}}""")]
    [InlineData("rename", "cdc.shop.orders", """{"ns":{"db":"shop","coll":"orders"}}""")]
    [InlineData("dropDatabase", "cdc.shop", """{"ns":{"db":"shop"}}""")]
    [InlineData("invalidate", "cdc", """{"ns":{}}""")]
    [InlineData("createIndexes", "cdc.shop.invoices", """{"ns":{"db":"shop","coll":"invoices"}}""")]
    public void Keyless_events_get_the_namespace_key_by_default(string fixture, string topic, string key)
    {
        var output = MappingFixtures.Map(_mapper, MappingFixtures.Bson(fixture));
        Assert.Equal(topic, output.Event.Topic);
        Assert.Equal(MappedKey.Written, output.Event.Key);
        Assert.Equal(key, AvroString(output.Key));
        Assert.False(output.Event.Skipped);
        Assert.False(output.Event.TombstoneFollows);
        Assert.NotEmpty(output.Value);
    }

    [Fact]
    public void Keyless_events_get_a_null_key_under_the_null_key_policy()
    {
        var mapper = new ChangeEventMapper(new MappingOptions(keylessEvents: KeylessEventPolicy.NullKey));
        var output = MappingFixtures.Map(mapper, MappingFixtures.Bson("drop"));
        Assert.Equal(MappedKey.Null, output.Event.Key);
        Assert.Empty(output.Key);
        Assert.NotEmpty(output.Value);
        Assert.Equal(MappedKey.Written, MappingFixtures.Map(mapper, MappingFixtures.Bson("insert")).Event.Key);
    }

    [Fact]
    public void Keyless_events_are_reported_skipped_and_not_written_under_the_skip_policy()
    {
        var mapper = new ChangeEventMapper(new MappingOptions(keylessEvents: KeylessEventPolicy.Skip));
        var output = MappingFixtures.Map(mapper, MappingFixtures.Bson("rename"));
        Assert.True(output.Event.Skipped);
        Assert.Equal("rename", output.Event.OperationType);
        Assert.Empty(output.Key);
        Assert.Empty(output.Value);
        Assert.False(MappingFixtures.Map(mapper, MappingFixtures.Bson("insert")).Event.Skipped);
    }

    [Fact]
    public void Overrides_pick_the_topic_and_namespaces_sharing_a_topic_share_schemas()
    {
        var mapper = new ChangeEventMapper(new MappingOptions(topicOverrides: new Dictionary<string, string>
        {
            ["shop.orders"] = "orders",
            ["shop.invoices"] = "orders",
            ["shop"] = "shop-admin",
        }));

        var order = MappingFixtures.Map(mapper, MappingFixtures.Bson("insert")).Event;
        var invoice = MappingFixtures.Map(mapper, MappingFixtures.Bson("create")).Event;
        var dropDatabase = MappingFixtures.Map(mapper, MappingFixtures.Bson("dropDatabase")).Event;

        Assert.Equal("orders", order.Topic);
        Assert.Equal("orders", invoice.Topic);
        Assert.Same(order.ValueSchema, invoice.ValueSchema);
        Assert.Equal("orders.Envelope", order.ValueSchema.FullName);
        Assert.Equal("shop-admin", dropDatabase.Topic);
        Assert.Equal("cdc.shop.customers", MappingFixtures.Map(mapper, MappingFixtures.Bson("sharded-update")).Event.Topic);
    }

    [Fact]
    public void Routes_schemas_and_operation_types_are_cached_objects()
    {
        var first = MappingFixtures.Map(_mapper, MappingFixtures.Bson("insert")).Event;
        var second = MappingFixtures.Map(_mapper, MappingFixtures.Bson("update")).Event;
        Assert.Same(first.Route, second.Route);
        Assert.Same(first.ValueSchema, second.ValueSchema);
        Assert.Same(first.KeySchema, second.KeySchema);
        Assert.Equal("cdc.shop.orders.Envelope", first.ValueSchema.FullName);
        Assert.Equal("cdc.shop.orders.Key", first.KeySchema.FullName);
        Assert.Same(first.OperationType, MappingFixtures.Map(_mapper, MappingFixtures.Bson("transaction-insert")).Event.OperationType);
    }

    [Fact]
    public void Unknown_operation_types_and_fields_pass_through()
    {
        var output = MappingFixtures.Map(_mapper, MappingFixtures.Bson("future-operation"));
        Assert.Equal("reshapeCollectionSomeday", output.Event.OperationType);
        Assert.Equal("cdc.shop.customers", output.Event.Topic);
        Assert.Contains("reshapeCollectionSomeday", Encoding.UTF8.GetString(output.Value), StringComparison.Ordinal);
        Assert.Contains("\"reshape\":{\"mode\":\"online\"}", Encoding.UTF8.GetString(output.Value), StringComparison.Ordinal);
    }

    [Fact]
    public void Namespaces_are_sanitised_into_topic_and_record_names()
    {
        var bson = TestEvents.From("insert", json => json["ns"] = new JsonObject { ["db"] = "my-shop", ["coll"] = "orders.2024 €" });
        var mapped = MappingFixtures.Map(_mapper, bson).Event;
        Assert.Equal("cdc.my-shop.orders.2024__-a45ed845", mapped.Topic);
        Assert.True(Cdc.Schemas.Avro.AvroNames.IsValidNamespace(mapped.ValueSchema.Namespace!), mapped.ValueSchema.Namespace);
    }

    [Fact]
    public void Mapping_allocates_at_most_64_bytes_per_event_once_warm()
    {
        var events = ((string[])["insert", "update", "replace", "delete-preimage", "drop", "transaction-insert", "sharded-update"])
            .Select(MappingFixtures.Bson).ToArray();
        var key = new ArrayBufferWriter<byte>(1024);
        var value = new ArrayBufferWriter<byte>(64 * 1024);
        void MapAll()
        {
            foreach (var bson in events)
            {
                key.ResetWrittenCount();
                value.ResetWrittenCount();
                _mapper.Map(bson, key, value);
            }
        }

        MapAll();
        const int Rounds = 200;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Rounds; i++)
        {
            MapAll();
        }

        var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(Rounds * events.Length);
        Assert.True(perEvent <= 64, $"{perEvent:0.0} bytes allocated per event");
    }

    /// <summary>Decodes an Avro string (zig-zag varint length, then UTF-8) that fills the whole buffer.</summary>
    private static string AvroString(byte[] avro)
    {
        long raw = 0;
        var shift = 0;
        var at = 0;
        byte b;
        do
        {
            b = avro[at++];
            raw |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        var length = (int)((raw >> 1) ^ -(raw & 1));
        Assert.Equal(avro.Length, at + length);
        return Encoding.UTF8.GetString(avro, at, length);
    }
}
