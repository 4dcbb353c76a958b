using MongoDB.Bson;

namespace Cdc.Demo;

/// <summary>What the workload remembers of an order it wrote, to move it through its lifecycle.</summary>
internal sealed class ShopOrder(ObjectId id, string customerId)
{
    public ObjectId Id { get; } = id;

    public string CustomerId { get; } = customerId;

    public OrderStatus Status { get; set; } = OrderStatus.Placed;
}
