using System.Text;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Check;

/// <summary>What a hello (isMaster) reply says about the deployment: replica set name, mongos marker, the answering host.</summary>
internal sealed record MongoHello(string? SetName, bool IsMongos, string? Me, bool IsWritablePrimary, int MaxWireVersion)
{
    /// <summary>Change streams need a replica set or a sharded cluster (through mongos); a standalone cannot run them.</summary>
    public bool SupportsChangeStreams => SetName is not null || IsMongos;

    public string Topology => IsMongos ? "mongos (sharded cluster)"
        : SetName is not null ? $"replica set '{SetName}'"
        : "standalone server";

    public static MongoHello Parse(ReadOnlySpan<byte> reply)
    {
        string? setName = null;
        string? me = null;
        var mongos = false;
        var primary = false;
        var maxWire = 0;
        var reader = new BsonReader(reply);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.Type == BsonType.String)
            {
                if (element.NameEquals("setName"u8))
                {
                    setName = Encoding.UTF8.GetString(element.GetStringUtf8());
                }
                else if (element.NameEquals("me"u8))
                {
                    me = Encoding.UTF8.GetString(element.GetStringUtf8());
                }
                else if (element.NameEquals("msg"u8))
                {
                    mongos = element.GetStringUtf8().SequenceEqual("isdbgrid"u8);
                }
            }
            else if (element.Type == BsonType.Boolean && (element.NameEquals("isWritablePrimary"u8) || element.NameEquals("ismaster"u8)))
            {
                primary = element.GetBoolean();
            }
            else if (element.NameEquals("maxWireVersion"u8) && element.Type == BsonType.Int32)
            {
                maxWire = element.GetInt32();
            }
        }

        return new MongoHello(setName, mongos, me, primary, maxWire);
    }
}
