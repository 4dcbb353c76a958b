using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;
using Cdc.Tests.AvroOracle;

namespace Cdc.Schemas.Tests.Mapping;

/// <summary>
/// mapping.oversize=reference in the mapper: bodies left out of an oversized record are replaced by a marker holding the
/// size and SHA-256 of the BSON the event carried, decoded here by Apache.Avro; nothing else of the envelope changes.
/// </summary>
public sealed class OmittedBodiesMappingTests
{
    private readonly ChangeEventMapper _mapper = new(new MappingOptions());

    [Fact]
    public void An_omitted_body_is_the_marker_of_its_bson_and_every_other_field_is_unchanged()
    {
        var eventBson = MappingFixtures.Bson("update");
        var plain = Decode(MappingFixtures.Map(_mapper, eventBson));

        var key = new ArrayBufferWriter<byte>();
        var value = new ArrayBufferWriter<byte>();
        var mapped = _mapper.MapOmitting(eventBson, key, value, OmittedBodies.FullDocument | OmittedBodies.UpdatedFields);
        var omitted = AvroJson.Decode(mapped.ValueSchema.ToJson(), value.WrittenSpan.ToArray())!;

        Assert.Equal(Marker(BodyBson("update", "fullDocument")), omitted["fullDocument"]!.GetValue<string>());
        Assert.Equal(Marker(BodyBson("update", "updateDescription", "updatedFields")), omitted["updateDescription"]!["updatedFields"]!.GetValue<string>());
        omitted["fullDocument"] = plain["fullDocument"]!.DeepClone();
        omitted["updateDescription"]!["updatedFields"] = plain["updateDescription"]!["updatedFields"]!.DeepClone();
        Assert.Empty(AvroJson.Differences(plain, omitted));
        Assert.Equal(MappingFixtures.Map(_mapper, eventBson).Key, key.WrittenSpan.ToArray());
    }

    [Fact]
    public void The_marker_is_valid_json_naming_the_bson_size_and_lowercase_sha256()
    {
        var bson = ExtendedJsonParser.ParseDocument("""{ "_id": 1, "a": "b" }""");
        var output = new ArrayBufferWriter<byte>();

        OmittedBodyMarker.Write(bson, output);

        var marker = JsonNode.Parse(output.WrittenSpan.ToArray())!["$cdcOmitted"]!;
        Assert.Equal(bson.Length, marker["bsonBytes"]!.GetValue<int>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bson)), marker["sha256"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", marker["sha256"]!.GetValue<string>());
    }

    [Fact]
    public void Referencing_replaces_the_largest_bodies_first_and_stops_as_soon_as_the_record_fits()
    {
        var eventBson = MappingFixtures.Bson("update");
        var tried = new List<string>();

        var referenced = _mapper.MapReferencing(eventBson, (_, _, omitted) =>
        {
            tried.Add(omitted);
            return tried.Count == 2;
        });

        // fullDocument renders longer than updatedFields in this event.
        Assert.Equal(["fullDocument", "fullDocument,updateDescription.updatedFields"], tried);
        Assert.True(referenced.Fits);
        Assert.Equal(["fullDocument", "updateDescription.updatedFields"], referenced.OmittedPaths);
        Assert.Equal("fullDocument,updateDescription.updatedFields", referenced.OmittedHeader);
        var value = AvroJson.Decode(referenced.Mapped.ValueSchema.ToJson(), referenced.Value)!;
        Assert.StartsWith("""{"$cdcOmitted":""", value["fullDocument"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(referenced.Key);
    }

    [Fact]
    public void Referencing_reports_when_even_every_body_replaced_does_not_fit()
    {
        var referenced = _mapper.MapReferencing(MappingFixtures.Bson("create"), (_, _, _) => false);

        Assert.False(referenced.Fits);
        Assert.Equal(["operationDescription"], referenced.OmittedPaths);
    }

    [Fact]
    public void An_event_without_bodies_has_nothing_to_replace()
    {
        var referenced = _mapper.MapReferencing(MappingFixtures.Bson("drop"), (_, _, _) => false);

        Assert.False(referenced.Fits);
        Assert.Empty(referenced.OmittedPaths);
    }

    private static JsonNode Decode(MappedOutput output) => AvroJson.Decode(output.Event.ValueSchema.ToJson(), output.Value)!;

    /// <summary>The BSON of one body of a fixture, encoded on its own: the same bytes the event embeds (order kept).</summary>
    private static byte[] BodyBson(string fixture, params string[] path)
    {
        var node = JsonNode.Parse(MappingFixtures.Text(fixture))!;
        foreach (var name in path)
        {
            node = node[name]!;
        }

        return ExtendedJsonParser.ParseDocument(node.ToJsonString());
    }

    private static string Marker(byte[] bson) =>
        $$$"""{"$cdcOmitted":{"bsonBytes":{{{bson.Length}}},"sha256":"{{{Convert.ToHexStringLower(SHA256.HashData(bson))}}}"}}""";
}
