using MongoDB.Bson.Serialization.Attributes;

namespace Cdc.Demo;

/// <summary>A customer's address, embedded in <see cref="ShopCustomer"/>.</summary>
internal sealed class ShopAddress
{
    [BsonElement("street")]
    public required string Street { get; init; }

    [BsonElement("city")]
    public required string City { get; init; }
}
