namespace Cdc.Demo;

/// <summary>The demo's database, its collections and the Kafka topics the connector gives them (`{prefix}.{db}.{coll}`).</summary>
internal static class DemoTopics
{
    public const string Database = "shop";

    public const string TopicPrefix = "cdc";

    public const string Customers = "customers";

    public const string Orders = "orders";

    public const string Payments = "payments";

    public static IReadOnlyList<string> Collections { get; } = [Customers, Orders, Payments];

    public static string TopicOf(string collection) => $"{TopicPrefix}.{Database}.{collection}";
}
