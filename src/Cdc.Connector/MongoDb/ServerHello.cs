using MongoDB.Bson;

namespace Cdc.Connector.MongoDb;

/// <summary>What a hello (isMaster) reply says about the deployment: replica set name, mongos marker, the answering host.</summary>
internal sealed record ServerHello(string? SetName, bool IsMongos, string? Me, bool IsWritablePrimary, int MaxWireVersion)
{
    /// <summary>Change streams need a replica set or a sharded cluster (through mongos); a standalone cannot run them.</summary>
    public bool SupportsChangeStreams => SetName is not null || IsMongos;

    public string Topology => IsMongos ? "mongos (sharded cluster)"
        : SetName is not null ? $"replica set '{SetName}'"
        : "standalone server";

    /// <summary>The fields of the reply as the driver decoded it; a field of another type than the protocol's counts as absent.</summary>
    public static ServerHello From(BsonDocument reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var primary = Boolean(reply, "isWritablePrimary") ?? Boolean(reply, "ismaster") ?? false;
        var maxWire = reply.TryGetValue("maxWireVersion", out var wire) && wire.IsInt32 ? wire.AsInt32 : 0;
        return new ServerHello(String(reply, "setName"), String(reply, "msg") == "isdbgrid", String(reply, "me"), primary, maxWire);
    }

    private static string? String(BsonDocument reply, string name) =>
        reply.TryGetValue(name, out var value) && value.IsString ? value.AsString : null;

    private static bool? Boolean(BsonDocument reply, string name) =>
        reply.TryGetValue(name, out var value) && value.IsBoolean ? value.AsBoolean : null;
}
