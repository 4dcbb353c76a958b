using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Cdc.Demo;

/// <summary>A document of shop.orders; the total is a decimal128, as money should be.</summary>
internal sealed class ShopOrderDocument
{
    [BsonId]
    public ObjectId Id { get; init; }

    [BsonElement("customer")]
    public required string Customer { get; init; }

    [BsonElement("items")]
    public int Items { get; init; }

    [BsonElement("total")]
    [BsonRepresentation(BsonType.Decimal128)]
    public decimal Total { get; init; }

    [BsonElement("status")]
    public required string Status { get; init; }

    [BsonElement("placedAt")]
    public DateTime PlacedAt { get; init; }
}
