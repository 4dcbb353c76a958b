namespace Cdc.Demo;

/// <summary>The lifecycle of a demo order: placed → paid → shipped → delivered, or cancelled before shipping.</summary>
internal enum OrderStatus
{
    Placed,
    Paid,
    Shipped,
    Delivered,
    Cancelled,
}
