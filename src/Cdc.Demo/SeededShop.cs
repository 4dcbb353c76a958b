namespace Cdc.Demo;

/// <summary>
/// What <see cref="ShopSeeder"/> wrote: the customers' ids and the orders with their states, which the workload adopts
/// (<see cref="ShopWorkload"/>), and the documents per collection, which the snapshot must publish as rows.
/// </summary>
internal sealed class SeededShop(IReadOnlyList<string> customerIds, IReadOnlyList<ShopOrder> orders, IReadOnlyDictionary<string, long> documentsByCollection)
{
    public static SeededShop Empty { get; } = new([], [], new Dictionary<string, long>(StringComparer.Ordinal));

    public IReadOnlyList<string> CustomerIds { get; } = customerIds;

    public IReadOnlyList<ShopOrder> Orders { get; } = orders;

    /// <summary>Documents written per collection (collections with none are left out).</summary>
    public IReadOnlyDictionary<string, long> DocumentsByCollection { get; } = documentsByCollection;

    public long Documents => DocumentsByCollection.Values.Sum();
}
