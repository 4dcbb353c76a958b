using System.Buffers.Binary;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Wire;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.Tests.MongoDb;

public sealed class MongoServerWireTests
{
    [Fact]
    public async Task A_legacy_isMaster_gets_an_op_reply_describing_a_replica_set_primary()
    {
        await using var server = MongoServer.Start(new MongoServerOptions { ReplicaSetName = "cdcrs" });
        using var client = new WireTestClient(server.Port);
        client.Send(WireMessages.OpQuery(11, "admin.$cmd", new Doc().Add("isMaster", 1).Add("helloOk", true)));
        var raw = await client.ReceiveAsync();
        Assert.NotNull(raw);
        var header = MessageHeader.Read(raw);
        Assert.Equal((int)WireOpCode.Reply, header.OpCode);
        Assert.Equal(11, header.ResponseTo);
        var reply = WireMessages.ReplyBody(raw);
        Assert.True(reply["ismaster"]!.Boolean);
        Assert.True(reply["helloOk"]!.Boolean);
        Assert.False(reply["secondary"]!.Boolean);
        Assert.Equal("cdcrs", reply["setName"]!.String);
        Assert.Equal(server.Host, reply["hosts"]!.Array.Single().String);
        Assert.Equal(server.Host, reply["primary"]!.String);
        Assert.Equal(server.Host, reply["me"]!.String);
        Assert.Equal(BsonType.ObjectId, reply["electionId"]!.Type);
        Assert.Equal(0, reply["minWireVersion"]!.Int32);
        Assert.Equal(17, reply["maxWireVersion"]!.Int32);
        Assert.Equal(30, reply["logicalSessionTimeoutMinutes"]!.Int32);
        Assert.Null(reply["topologyVersion"]);
        Assert.Equal(BsonType.Timestamp, reply["$clusterTime"]!.Document["clusterTime"]!.Type);
        Assert.Equal(20, reply["$clusterTime"]!.Document["signature"]!.Document["hash"]!.Bytes.Length);
        Assert.Equal(BsonType.Timestamp, reply["operationTime"]!.Type);
    }

    [Fact]
    public async Task Op_query_is_refused_for_anything_but_the_handshake()
    {
        await using var server = MongoServer.Start();
        using var client = new WireTestClient(server.Port);
        var reply = await client.RoundTripAsync(WireMessages.OpQuery(1, "test.$cmd", new Doc().Add("find", "c")));
        Assert.Equal(0.0, reply["ok"]!.Double);
        Assert.Equal(352, reply["code"]!.Int32);
        Assert.Contains("Unsupported OP_QUERY command: find", reply["errmsg"]!.String, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checksummed_request_gets_a_checksummed_reply()
    {
        await using var server = MongoServer.Start();
        using var client = new WireTestClient(server.Port);
        client.Send(WireMessages.OpMsg(5, WireMessages.Command("ping", 1), OpMsgFlags.ChecksumPresent));
        var raw = await client.ReceiveAsync();
        Assert.NotNull(raw);
        var flags = (OpMsgFlags)BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(16));
        Assert.Equal(OpMsgFlags.ChecksumPresent, flags);
        Assert.Equal(1.0, OpMsgParser.Parse(raw).Command["ok"]!.Double);
    }

    [Fact]
    public async Task MoreToCome_requests_get_no_reply_but_are_executed()
    {
        await using var server = MongoServer.Start();
        using var client = new WireTestClient(server.Port);
        var insert = WireMessages.Command("insert", "c");
        client.Send(WireMessages.OpMsg(1, insert, OpMsgFlags.MoreToCome, ("documents", [new Doc().Add("_id", 1), new Doc().Add("_id", 2)])));
        var reply = await client.RoundTripAsync(WireMessages.OpMsg(2, WireMessages.Command("find", "c")));
        Assert.Equal(2, reply["cursor"]!.Document["firstBatch"]!.Array.Count);
    }

    [Fact]
    public async Task A_malformed_message_gets_a_protocol_error_and_only_that_connection_closes()
    {
        await using var server = MongoServer.Start();
        using (var client = new WireTestClient(server.Port))
        {
            var message = WireMessages.OpMsg(9, WireMessages.Command("ping", 1), OpMsgFlags.ChecksumPresent);
            message[^2] ^= 0x55;
            client.Send(message);
            var raw = await client.ReceiveAsync();
            Assert.NotNull(raw);
            Assert.Equal(9, MessageHeader.Read(raw).ResponseTo);
            var reply = WireMessages.ReplyBody(raw);
            Assert.Equal(17, reply["code"]!.Int32);
            Assert.Equal("ProtocolError", reply["codeName"]!.String);
            Assert.Contains("checksum", reply["errmsg"]!.String, StringComparison.Ordinal);
            Assert.True(await client.IsClosedByServerAsync());
        }

        using var another = new WireTestClient(server.Port);
        Assert.Equal(1.0, (await another.RoundTripAsync(WireMessages.OpMsg(1, WireMessages.Command("ping", 1))))["ok"]!.Double);
    }

    [Theory]
    [InlineData(2012, "OP_COMPRESSED is not supported")]
    [InlineData(2001, "opCode 2001 is not supported")]
    public async Task Unsupported_opcodes_are_refused_clearly(int opCode, string expected)
    {
        await using var server = MongoServer.Start();
        using var client = new WireTestClient(server.Port);
        var reply = await client.RoundTripAsync(WireMessages.Frame(4, (WireOpCode)opCode, new byte[12], withChecksum: false));
        Assert.Contains(expected, reply["errmsg"]!.String, StringComparison.Ordinal);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task An_oversized_message_length_is_refused_before_reading_the_body()
    {
        await using var server = MongoServer.Start();
        using var client = new WireTestClient(server.Port);
        var header = new byte[16];
        new MessageHeader(WireLimits.MaxMessageSizeBytes + 1, 3, 0, (int)WireOpCode.Msg).Write(header);
        var reply = await client.RoundTripAsync(header);
        Assert.Contains("exceeds maxMessageSizeBytes 48000000", reply["errmsg"]!.String, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Op_msg_without_db_fails_with_the_server_error()
    {
        await using var server = MongoServer.Start();
        using var client = new WireTestClient(server.Port);
        var reply = await client.RoundTripAsync(WireMessages.OpMsg(1, new Doc().Add("ping", 1)));
        Assert.Equal(40571, reply["code"]!.Int32);
    }

    [Fact]
    public async Task Disposing_the_server_closes_open_connections()
    {
        var server = MongoServer.Start();
        using var client = new WireTestClient(server.Port);
        await client.RoundTripAsync(WireMessages.OpMsg(1, WireMessages.Command("ping", 1)));
        Assert.Equal(1, server.ConnectionCount);
        await server.DisposeAsync();
        Assert.True(await client.IsClosedByServerAsync());
        Assert.Equal(0, server.ConnectionCount);
    }

    [Fact]
    public async Task The_connection_string_names_the_seed_and_replica_set()
    {
        await using var server = MongoServer.Start(new MongoServerOptions { ReplicaSetName = "rs-x" });
        Assert.NotEqual(0, server.Port);
        Assert.Equal($"mongodb://127.0.0.1:{server.Port}/?replicaSet=rs-x", server.ConnectionString);
    }
}
