namespace Cdc.Connector.Configuration;

/// <summary>
/// The checks of every kafka.producer entry, made before anything starts. When the configuration loads
/// (<see cref="Check"/>, every verb): the connector's own rules (settings that would break the guarantees or that the
/// publisher depends on), then librdkafka's judgement of each property of the producer configuration the connector
/// would run with (<see cref="LibrdkafkaConfiguration.Refusals"/>): a property it does not know, a value it refuses.
/// With what `run` and `check` need (<see cref="CheckCreation"/>, from <see cref="ConfigurationLoader.LoadForRun"/>):
/// whether librdkafka creates a producer from the whole configuration, which reads the TLS files it names, so
/// `inspect` does without. Each problem names its key, with librdkafka's reason and the fix.
/// </summary>
internal static class ProducerProperties
{
    private const string Prefix = "kafka.producer.";

    public static void Check(CdcOptions options, ConfigurationProblems problems)
    {
        var producer = options.Kafka.Producer;
        var refusedByRules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (property, value) in producer)
        {
            if (BreaksARule(property, value, problems))
            {
                refusedByRules.Add(property);
            }
        }

        // Without entries the configuration is the connector's own, which the tests hold librdkafka to.
        if (producer.Count == refusedByRules.Count || !LibrdkafkaLoaded())
        {
            return;
        }

        var judged = producer.Where(entry => !refusedByRules.Contains(entry.Key)).ToDictionary(StringComparer.Ordinal);
        foreach (var refusal in LibrdkafkaConfiguration.Refusals(ProducerConfigBuilder.Properties(judged, options.Pipeline.MaxInFlightEvents)))
        {
            // A refused default of the connector's own (a librdkafka other than the one this build was tested with) is
            // named by the key that overrides it.
            var key = Prefix + refusal.Property;
            var reason = Redact(refusal.Reason, judged);
            if (refusal.Unknown)
            {
                problems.Add($"'{key}' is refused by librdkafka: {reason}{options.OriginOf(key)}; correct the property's name (librdkafka's CONFIGURATION.md lists every property) or remove the entry.");
            }
            else
            {
                problems.Add($"'{key}' is refused by librdkafka: {reason}{options.OriginOf(key)}; give a value of the type and range librdkafka's CONFIGURATION.md lists for the property.");
            }
        }
    }

    /// <summary>Whether librdkafka creates the producer from the configuration <see cref="Check"/> passed.</summary>
    public static void CheckCreation(CdcOptions options, ConfigurationProblems problems)
    {
        var producer = options.Kafka.Producer;
        if (producer.Count == 0 || !LibrdkafkaLoaded())
        {
            return;
        }

        var properties = ProducerConfigBuilder.Properties(producer, options.Pipeline.MaxInFlightEvents);
        if (LibrdkafkaConfiguration.CreationRefusal(properties) is not { } refusal)
        {
            return;
        }

        // librdkafka names properties by their own names (`max.in.flight`), of which an alias may be an extension.
        var mentioned = Mentioned(refusal);
        bool Named(string property) => mentioned.Any(name => property == name || (name.Contains('.', StringComparison.Ordinal) && property.StartsWith(name + ".", StringComparison.Ordinal)));
        var yours = producer.Keys.Where(Named).ToArray();
        var subject = yours.Length switch
        {
            0 => "'kafka.producer' is",
            1 => $"'{Prefix}{yours[0]}'{options.OriginOf(Prefix + yours[0])} is",
            _ => string.Join(" and ", yours.Select(property => $"'{Prefix}{property}'")) + " are",
        };
        var connectors = properties.Where(entry => !producer.ContainsKey(entry.Key) && Named(entry.Key))
            .GroupBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(group => $"{group.Key}={group.Last().Value}")
            .ToArray();
        var settings = connectors.Length == 0 ? string.Empty : $" (the connector sets {string.Join(", ", connectors)})";
        problems.Add($"{subject} refused by librdkafka when it creates the producer: {Redact(refusal, producer)}{settings}; change the kafka.producer properties it names, or the files they name (librdkafka's CONFIGURATION.md gives each property's meaning and range).");
    }

    private static bool LibrdkafkaLoaded()
    {
        try
        {
            LibrdkafkaLoader.EnsureLoaded();
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // `cdc run` and `cdc check` report a missing librdkafka themselves, with the fix; `inspect` does not need it.
            return false;
        }
    }

    /// <summary>Reports the connector's own rule a kafka.producer entry breaks; false when it breaks none.</summary>
    private static bool BreaksARule(string property, string value, ConfigurationProblems problems)
    {
        switch (property)
        {
            case "bootstrap.servers" or "metadata.broker.list":
                problems.Add($"'kafka.producer.{property}' duplicates 'kafka.bootstrapServers': set the brokers there.");
                return true;
            case "enable.idempotence" when !string.Equals(value, "true", StringComparison.OrdinalIgnoreCase):
                problems.Add($"'kafka.producer.enable.idempotence' must stay true: without the idempotent producer, retries can reorder or duplicate events of one document; got \"{value}\".");
                return true;
            case "acks" or "request.required.acks" when value is not ("all" or "-1"):
                problems.Add($"'kafka.producer.{property}' must stay all (-1): with fewer acknowledgements a broker failure can lose events whose resume token was already committed; got \"{value}\".");
                return true;
            case "partitioner" when string.Equals(value.Trim(), "random", StringComparison.Ordinal):
                problems.Add("'kafka.producer.partitioner' must hash the key (murmur2_random, murmur2, consistent_random, consistent, fnv1a, fnv1a_random): \"random\" would spread one document's events over partitions and lose their order.");
                return true;
            case "delivery.report.only.error":
                problems.Add("'kafka.producer.delivery.report.only.error' cannot be used: the connector commits only what a successful delivery report confirmed.");
                return true;
            case not null when property.StartsWith("dotnet.", StringComparison.Ordinal):
                // Confluent.Kafka's own settings, not librdkafka's: the publisher depends on background polling and on
                // delivery reports without key and value (the arrays it produces are reused).
                problems.Add($"'kafka.producer.{property}' is a Confluent.Kafka client setting, not a librdkafka property; the connector sets these itself.");
                return true;
            default:
                return false;
        }
    }

    /// <summary>The words of librdkafka's message that can be property names ("ssl.ca.location failed: …", "`linger.ms`").</summary>
    private static HashSet<string> Mentioned(string reason) =>
        reason.Split([' ', '`', '"', '\'', '(', ')', ',', ';', ':', '='], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.TrimEnd('.'))
            .Where(word => word.Contains('.', StringComparison.Ordinal) || word.All(c => char.IsAsciiLetterLower(c)))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>librdkafka quotes a refused value: a secret entry's value must not reach a message.</summary>
    private static string Redact(string reason, Dictionary<string, string> entries)
    {
        foreach (var (property, value) in entries)
        {
            if (value.Length > 0 && SecretCatalogue.IsSecretProducerProperty(property))
            {
                reason = reason.Replace(value, SecretRedactor.Mask, StringComparison.Ordinal);
            }
        }

        return reason;
    }
}
