namespace Cdc.Connector.Demo;

/// <summary>What the workload remembers of an order it wrote, to move it through its lifecycle.</summary>
internal sealed class ShopOrder(byte[] id, string customerId)
{
    public byte[] Id { get; } = id;

    public string CustomerId { get; } = customerId;

    public OrderStatus Status { get; set; } = OrderStatus.Placed;
}
