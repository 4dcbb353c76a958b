using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Cdc.Demo;

/// <summary>A document of shop.payments, written with its order in one checkout transaction.</summary>
internal sealed class ShopPayment
{
    [BsonId]
    public ObjectId Id { get; init; }

    [BsonElement("order")]
    public ObjectId Order { get; init; }

    [BsonElement("amount")]
    [BsonRepresentation(BsonType.Decimal128)]
    public decimal Amount { get; init; }

    [BsonElement("method")]
    public required string Method { get; init; }

    [BsonElement("paidAt")]
    public DateTime PaidAt { get; init; }
}
