using MongoDB.Bson.Serialization.Attributes;

namespace Cdc.Demo;

/// <summary>A document of shop.customers, as the demo's application maps it with the MongoDB driver.</summary>
internal sealed class ShopCustomer
{
    [BsonId]
    public required string Id { get; init; }

    [BsonElement("name")]
    public required string Name { get; init; }

    [BsonElement("email")]
    public required string Email { get; init; }

    [BsonElement("address")]
    public required ShopAddress Address { get; init; }

    [BsonElement("orders")]
    public int Orders { get; init; }

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; init; }
}
