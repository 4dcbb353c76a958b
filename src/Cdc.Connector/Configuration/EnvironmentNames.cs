namespace Cdc.Connector.Configuration;

/// <summary>
/// How the tail of a CDC__KAFKA__TOPICS__… or CDC__KAFKA__PRODUCER__… variable becomes a map entry name. Shells
/// cannot export names with dots, so "__" stands for "."; names that already contain dots (possible in Kubernetes
/// and `env`) are taken as they are.
/// </summary>
internal static class EnvironmentNames
{
    /// <summary>MongoDB namespaces are case-sensitive: keep the case. shop__orders → shop.orders.</summary>
    public static string Namespace(string variablePart) => variablePart.Replace("__", ".", StringComparison.Ordinal);

    /// <summary>librdkafka properties are lower-case words joined by dots and never contain '_': LINGER_MS → linger.ms.</summary>
    public static string LibrdkafkaProperty(string variablePart) =>
        variablePart.ToLowerInvariant().Replace("__", ".", StringComparison.Ordinal).Replace('_', '.');
}
