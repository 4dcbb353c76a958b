using System.Buffers.Binary;
using System.Text;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Wire;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class OpMsgParserTests
{
    [Fact]
    public void Crc32C_matches_the_standard_check_value()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void A_body_section_is_the_command()
    {
        var request = OpMsgParser.Parse(WireMessages.OpMsg(7, WireMessages.Command("ping", 1)));
        Assert.Equal(7, request.Header.RequestId);
        Assert.Equal("ping", request.Command.Fields[0].Key);
        Assert.Equal("test", request.Command["$db"]!.String);
        Assert.False(request.MoreToCome);
    }

    [Fact]
    public void Document_sequences_are_merged_into_the_command_as_arrays()
    {
        var documents = new[] { new Doc().Add("_id", 1), new Doc().Add("_id", 2), new Doc().Add("_id", 3) };
        var message = WireMessages.OpMsg(1, WireMessages.Command("insert", "c"), OpMsgFlags.None, ("documents", documents));
        var command = OpMsgParser.Parse(message).Command;
        var merged = command["documents"]!;
        Assert.True(merged.IsArray);
        Assert.Equal([1, 2, 3], merged.Array.ConvertAll(item => item.Document["_id"]!.Int32));
    }

    [Fact]
    public void A_correct_checksum_is_accepted_and_flags_are_reported()
    {
        var message = WireMessages.OpMsg(1, WireMessages.Command("ping", 1), OpMsgFlags.ChecksumPresent | OpMsgFlags.MoreToCome);
        var request = OpMsgParser.Parse(message);
        Assert.True(request.ChecksumPresent);
        Assert.True(request.MoreToCome);
    }

    [Fact]
    public void A_wrong_checksum_is_rejected_naming_both_values()
    {
        var message = WireMessages.OpMsg(1, WireMessages.Command("ping", 1), OpMsgFlags.ChecksumPresent);
        message[^1] ^= 0xFF;
        var error = Assert.Throws<WireProtocolException>(() => OpMsgParser.Parse(message));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        Assert.Contains("CRC-32C", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExhaustAllowed_is_accepted_but_unknown_required_bits_are_not()
    {
        Assert.NotNull(OpMsgParser.Parse(WireMessages.OpMsg(1, WireMessages.Command("ping", 1), OpMsgFlags.ExhaustAllowed)));
        var error = Assert.Throws<WireProtocolException>(() => OpMsgParser.Parse(WireMessages.OpMsg(1, WireMessages.Command("ping", 1), (OpMsgFlags)(1u << 5))));
        Assert.Contains("unknown required bits 0x0020", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_body_section_is_rejected()
    {
        var body = DocCodec.Write(WireMessages.Command("ping", 1));
        var payload = new byte[4 + ((1 + body.Length) * 2)];
        payload[4] = 0;
        body.CopyTo(payload, 5);
        payload[5 + body.Length] = 0;
        body.CopyTo(payload, 6 + body.Length);
        var error = Assert.Throws<WireProtocolException>(() => OpMsgParser.Parse(WireMessages.Frame(1, WireOpCode.Msg, payload, false)));
        Assert.Contains("second kind-0 body section", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_section_kind_is_rejected_with_its_offset()
    {
        var payload = new byte[] { 0, 0, 0, 0, 7, 5, 0, 0, 0, 0 };
        var error = Assert.Throws<WireProtocolException>(() => OpMsgParser.Parse(WireMessages.Frame(1, WireOpCode.Msg, payload, false)));
        Assert.Contains("section kind 7 at offset 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_without_a_body_is_rejected()
    {
        var error = Assert.Throws<WireProtocolException>(() => OpMsgParser.Parse(WireMessages.Frame(1, WireOpCode.Msg, [0, 0, 0, 0], false)));
        Assert.Contains("no kind-0 body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sequence_longer_than_the_message_is_rejected()
    {
        var body = DocCodec.Write(WireMessages.Command("insert", "c"));
        var payload = new List<byte> { 0, 0, 0, 0, 0 };
        payload.AddRange(body);
        payload.Add(1);
        payload.AddRange(BitConverter.GetBytes(1000));
        payload.AddRange(Encoding.UTF8.GetBytes("documents\0"));
        var error = Assert.Throws<WireProtocolException>(() => OpMsgParser.Parse(WireMessages.Frame(1, WireOpCode.Msg, [.. payload], false)));
        Assert.Contains("declares size 1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sequence_duplicating_a_body_field_is_rejected()
    {
        var body = WireMessages.Command("insert", "c").Add("documents", DocValue.FromArray([]));
        var error = Assert.Throws<WireProtocolException>(() => OpMsgParser.Parse(WireMessages.OpMsg(1, body, OpMsgFlags.None, ("documents", [new Doc().Add("_id", 1)]))));
        Assert.Contains("'documents' duplicates", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_bson_in_the_body_is_rejected_with_the_message_offset()
    {
        var message = WireMessages.OpMsg(1, new Doc().Add("ping", true).Add("$db", "test"));
        var booleanValueOffset = WireLimits.HeaderLength + 5 + 4 + 1 + "ping".Length + 1;
        Assert.Equal(1, message[booleanValueOffset]);
        message[booleanValueOffset] = 9;
        var error = Assert.Throws<WireProtocolException>(() => OpMsgParser.Parse(message));
        Assert.Contains($"message offset {booleanValueOffset}", error.Message, StringComparison.Ordinal);
        Assert.IsType<BsonFormatException>(error.InnerException);
    }

    [Fact]
    public void Header_lengths_outside_the_limits_are_rejected()
    {
        var header = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(header, 12);
        Assert.Contains("smaller than the 16-byte header", Assert.Throws<WireProtocolException>(() => MessageHeader.Read(header)).Message, StringComparison.Ordinal);
        BinaryPrimitives.WriteInt32LittleEndian(header, WireLimits.MaxMessageSizeBytes + 1);
        Assert.Contains("exceeds maxMessageSizeBytes", Assert.Throws<WireProtocolException>(() => MessageHeader.Read(header)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_op_query_handshakes_are_parsed()
    {
        var request = OpQueryParser.Parse(WireMessages.OpQuery(3, "admin.$cmd", new Doc().Add("isMaster", 1).Add("helloOk", true)));
        Assert.True(request.IsCommand);
        Assert.Equal("admin", request.Database);
        Assert.Equal("isMaster", request.Query.Fields[0].Key);
        Assert.Equal(-1, request.NumberToReturn);
    }

    [Fact]
    public void An_op_query_without_a_namespace_dot_is_rejected()
    {
        var error = Assert.Throws<WireProtocolException>(() => OpQueryParser.Parse(WireMessages.OpQuery(3, "admin", new Doc().Add("isMaster", 1))));
        Assert.Contains("'admin' is not of the form", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoded_replies_carry_a_valid_checksum_when_asked()
    {
        var reply = new ReplyEncoder().EncodeOpMsg(5, 9, new Doc().Add("ok", 1.0), withChecksum: true);
        var parsed = OpMsgParser.Parse(reply.Span);
        Assert.Equal(9, parsed.Header.ResponseTo);
        Assert.True(parsed.ChecksumPresent);
        Assert.Equal(BsonType.Double, parsed.Command["ok"]!.Type);
    }

    [Fact]
    public void A_connections_encoder_reuses_its_buffers_and_each_reply_is_whole()
    {
        var encoder = new ReplyEncoder();
        foreach (var size in new[] { 3 * 1024 * 1024, 10, 9 * 1024 * 1024, 200, 1 })
        {
            var payload = new string('x', size);
            var reply = encoder.EncodeOpMsg(size, 1, new Doc().Add("ok", 1.0).Add("payload", payload), withChecksum: size % 2 == 0);
            var parsed = OpMsgParser.Parse(reply.Span);
            Assert.Equal(reply.Length, parsed.Header.MessageLength);
            Assert.Equal(size, parsed.Header.RequestId);
            Assert.Equal(payload, parsed.Command["payload"]!.String);
        }
    }
}
