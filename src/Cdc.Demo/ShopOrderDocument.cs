using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Cdc.Demo;

/// <summary>
/// A document of shop.orders; the total is a decimal128, as money should be. The workload inserts an order without the
/// dates of later steps and sets each (<c>paidAt</c>, <c>shippedAt</c>, …) with its status; the seeded shop writes
/// orders already past those steps with their dates, so the dates are left out while they are null.
/// </summary>
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

    [BsonElement("paidAt")]
    [BsonIgnoreIfNull]
    public DateTime? PaidAt { get; init; }

    [BsonElement("shippedAt")]
    [BsonIgnoreIfNull]
    public DateTime? ShippedAt { get; init; }

    [BsonElement("deliveredAt")]
    [BsonIgnoreIfNull]
    public DateTime? DeliveredAt { get; init; }

    [BsonElement("cancelledAt")]
    [BsonIgnoreIfNull]
    public DateTime? CancelledAt { get; init; }
}
