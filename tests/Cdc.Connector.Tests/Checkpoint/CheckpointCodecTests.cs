using System.Text;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Checkpoint;

public sealed class CheckpointCodecTests
{
    private static readonly CheckpointLocation Location = new("file /state/orders.json", "delete the file");

    [Fact]
    public void A_token_checkpoint_is_written_as_readable_json()
    {
        var json = Encoding.UTF8.GetString(CheckpointCodec.Encode(Checkpoints.WithToken("orders", "8265A1")));

        Assert.Equal(
            """{"version":2,"pipeline":"orders","resumeToken":{"_data":"8265A1"},"startAfter":false,"operationTime":null,"committedAt":"2026-11-21T23:42:16.1230000Z","snapshot":null}""",
            json);
    }

    [Fact]
    public void A_time_checkpoint_is_written_with_seconds_and_increment()
    {
        var json = Encoding.UTF8.GetString(CheckpointCodec.Encode(Checkpoints.WithTime("orders", 4_000_000_000, 17)));

        Assert.Equal(
            """{"version":2,"pipeline":"orders","resumeToken":null,"startAfter":false,"operationTime":{"t":4000000000,"i":17},"committedAt":"2026-11-21T23:42:16.1230000Z","snapshot":null}""",
            json);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Token_checkpoints_round_trip(bool isInvalidate)
    {
        var checkpoint = Checkpoints.WithToken("orders", "8265A1B2C3000000012B022C0100296E5A1004", isInvalidate);

        var decoded = CheckpointCodec.Decode(CheckpointCodec.Encode(checkpoint), "orders", Location);

        Assert.Equal(checkpoint, decoded);
    }

    [Fact]
    public void Time_checkpoints_round_trip()
    {
        var checkpoint = Checkpoints.WithTime("orders", uint.MaxValue, uint.MaxValue);

        Assert.Equal(checkpoint, CheckpointCodec.Decode(CheckpointCodec.Encode(checkpoint), "orders", Location));
    }

    [Fact]
    public void A_token_holding_every_bson_type_round_trips_byte_for_byte()
    {
        var token = Checkpoints.ExoticToken();
        var checkpoint = new StoredCheckpoint("orders", ResumePosition.FromToken(token, false), Checkpoints.CommittedAt);

        var decoded = CheckpointCodec.Decode(CheckpointCodec.Encode(checkpoint), "orders", Location);

        Assert.Equal(token, decoded.Position.Token);
    }

    [Fact]
    public void The_commit_time_keeps_its_full_precision_in_utc()
    {
        var committedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567);
        var checkpoint = new StoredCheckpoint("orders", ResumePosition.FromOperationTime(new BsonTimestamp(1, 1)), committedAt);

        var decoded = CheckpointCodec.Decode(CheckpointCodec.Encode(checkpoint), "orders", Location);

        Assert.Equal(committedAt.UtcTicks, decoded.CommittedAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, decoded.CommittedAt.Offset);
    }

    [Fact]
    public void Whitespace_and_property_order_do_not_matter()
    {
        const string Json = """
            {
              "committedAt": "2026-11-21T23:42:16.1230000Z",
              "operationTime": null,
              "startAfter": true,
              "resumeToken": { "_data": "82AB" },
              "pipeline": "orders",
              "version": 1
            }

            """;

        var decoded = CheckpointCodec.Decode(Encoding.UTF8.GetBytes(Json), "orders", Location);

        Assert.Equal(Checkpoints.WithToken("orders", "82AB", isInvalidate: true), decoded);
    }

    [Theory]
    [InlineData("", "it is empty (a write was probably cut short outside this connector's atomic save)")]
    [InlineData("""{"version":1,"pipeline":"ord""", "it is not valid JSON (line 1, byte 29; truncated or overwritten?)")]
    [InlineData("\0\0\0\0garbage", "it is not valid JSON (line 1, byte 1; truncated or overwritten?)")]
    [InlineData("""{"version":1} {}""", "it has content after the JSON document at byte 13")]
    [InlineData("[1]", "it is a JSON array, not an object")]
    [InlineData("""{"version":1,"pipeline":"orders","resumeToken":null,"startAfter":false,"operationTime":{"t":1,"i":2},"committedAt":"2026-11-21T23:42:16.1230000Z","extra":1}""", "it has an unexpected property 'extra'")]
    [InlineData("""{"pipeline":"orders","resumeToken":null,"startAfter":false,"operationTime":{"t":1,"i":2},"committedAt":"2026-11-21T23:42:16.1230000Z"}""", "it has no 'version'")]
    [InlineData("""{"version":"1","pipeline":"orders"}""", "'version' must be the number 1 or 2; got string \"1\"")]
    [InlineData("""{"version":3,"pipeline":"orders"}""", "it is version 3, and this connector reads versions 1 and 2 (written by a newer release?)")]
    [InlineData("""{"version":0,"pipeline":"orders"}""", "it is version 0, and this connector reads versions 1 and 2 (no release writes that version)")]
    [InlineData("""{"version":1,"pipeline":7}""", "'pipeline' must be a string; got number")]
    [InlineData("""{"version":1,"pipeline":"billing"}""", "it belongs to pipeline 'billing', not to this pipeline 'orders' (check 'pipeline.name' and the store's location)")]
    [InlineData("""{"version":1,"pipeline":"orders","resumeToken":null,"startAfter":"no","operationTime":null,"committedAt":"x"}""", "'startAfter' must be true or false; got string")]
    [InlineData("""{"version":1,"pipeline":"orders","resumeToken":null,"startAfter":false,"operationTime":null,"committedAt":"x"}""", "exactly one of 'resumeToken' and 'operationTime' must be set, the other null")]
    [InlineData("""{"version":1,"pipeline":"orders","resumeToken":{"_data":"82"},"startAfter":false,"operationTime":{"t":1,"i":2},"committedAt":"x"}""", "exactly one of 'resumeToken' and 'operationTime' must be set, the other null")]
    [InlineData("""{"version":1,"pipeline":"orders","resumeToken":null,"startAfter":true,"operationTime":{"t":1,"i":2},"committedAt":"x"}""", "'startAfter' is true but there is no 'resumeToken'")]
    [InlineData("""{"version":1,"pipeline":"orders","resumeToken":"82AB","startAfter":false,"operationTime":null,"committedAt":"x"}""", "'resumeToken' must be an Extended JSON object or null; got string")]
    [InlineData("""{"version":1,"pipeline":"orders","resumeToken":null,"startAfter":false,"operationTime":{"t":-1,"i":2},"committedAt":"x"}""", "'operationTime' must be {\"t\": <seconds>, \"i\": <increment>} with 32-bit unsigned integers; got {\"t\":-1,\"i\":2}")]
    [InlineData("""{"version":1,"pipeline":"orders","resumeToken":null,"startAfter":false,"operationTime":{"t":1},"committedAt":"x"}""", "'operationTime' must be {\"t\": <seconds>, \"i\": <increment>} with 32-bit unsigned integers; got {\"t\":1}")]
    [InlineData("""{"version":1,"pipeline":"orders","resumeToken":null,"startAfter":false,"operationTime":{"t":1,"i":2},"committedAt":"yesterday"}""", "'committedAt' must be an ISO-8601 time such as \"2026-01-31T12:00:00.0000000Z\"; got \"yesterday\"")]
    [InlineData("""{"version":1,"pipeline":"orders","resumeToken":null,"startAfter":false,"operationTime":{"t":1,"i":2},"committedAt":12}""", "'committedAt' must be an ISO-8601 time such as \"2026-01-31T12:00:00.0000000Z\"; got 12")]
    public void Anything_but_a_checkpoint_of_this_pipeline_is_an_error_naming_the_source_problem_and_fix(string content, string problem)
    {
        var ex = Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Decode(Encoding.UTF8.GetBytes(content), "orders", Location));

        Assert.Equal("The checkpoint in file /state/orders.json is not usable: " + problem + ". To go on, delete the file.", ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x70, 0x69, 0x70, 0x65, 0x6C, 0x69, 0x6E, 0x65, 0x22, 0x3A, 0x22, 0x6F, 0xFF, 0x22, 0x7D }, "a string at byte 13")]
    [InlineData(new byte[] { 0x7B, 0x22, 0x70, 0xC3, 0x22, 0x3A, 0x31, 0x7D }, "a property name at byte 2")]
    public void A_damaged_byte_inside_a_string_is_an_error_naming_its_position_and_the_fix(byte[] content, string where)
    {
        // {"pipeline":"o<FF>"} and {"p<C3>":1}: well-formed JSON whose text is not UTF-8, as a flipped bit leaves it.
        var ex = Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Decode(content, "orders", Location));

        Assert.Equal(
            $"The checkpoint in file /state/orders.json is not usable: it has {where} that is not valid UTF-8 or holds an unpaired \\u surrogate escape (damaged or overwritten?). To go on, delete the file.",
            ex.Message);
    }

    [Theory]
    [InlineData("""{"version":1,"pipeline":"or\uD800ders"}""", "a string at byte 25")]
    [InlineData("""{"version":1,"\uDC00":1}""", "a property name at byte 14")]
    public void An_unpaired_surrogate_escape_is_an_error_naming_its_position_and_the_fix(string content, string where)
    {
        var ex = Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Decode(Encoding.UTF8.GetBytes(content), "orders", Location));

        Assert.Equal(
            $"The checkpoint in file /state/orders.json is not usable: it has {where} that is not valid UTF-8 or holds an unpaired \\u surrogate escape (damaged or overwritten?). To go on, delete the file.",
            ex.Message);
    }

    [Fact]
    public void A_checkpoint_with_any_one_byte_damaged_is_a_checkpoint_error_never_a_different_position()
    {
        var encoded = CheckpointCodec.Encode(Checkpoints.WithToken("orders", "8265A1B2C3"));

        for (var at = 0; at < encoded.Length; at++)
        {
            var damaged = encoded.ToArray();
            damaged[at] = 0xFF;
            Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Decode(damaged, "orders", Location));
        }
    }

    [Fact]
    public void A_token_that_is_not_extended_json_is_an_error_carrying_the_parser_problem()
    {
        const string Json = """{"version":1,"pipeline":"orders","resumeToken":{"n":{"$numberLong":"x"}},"startAfter":false,"operationTime":null,"committedAt":"2026-11-21T23:42:16.1230000Z"}""";

        var ex = Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Decode(Encoding.UTF8.GetBytes(Json), "orders", Location));

        Assert.StartsWith("The checkpoint in file /state/orders.json is not usable: 'resumeToken' is not valid Extended JSON: Invalid Extended JSON at ", ex.Message);
        Assert.Contains("$numberLong", ex.Message);
        Assert.EndsWith(". To go on, delete the file.", ex.Message);
        Assert.DoesNotContain("..", ex.Message);
    }

    [Fact]
    public void A_checkpoint_cut_at_any_byte_is_an_error_never_a_different_position()
    {
        var encoded = CheckpointCodec.Encode(Checkpoints.WithToken("orders", "8265A1B2C3"));

        for (var length = 0; length < encoded.Length; length++)
        {
            var cut = encoded.AsSpan(0, length).ToArray();
            Assert.Throws<CheckpointStoreException>(() => CheckpointCodec.Decode(cut, "orders", Location));
        }
    }
}
