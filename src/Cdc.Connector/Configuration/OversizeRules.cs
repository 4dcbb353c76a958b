using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Configuration;

/// <summary>
/// mapping.oversize needs what its policy uses: a dead-letter topic to send to, or envelope values whose Extended JSON
/// bodies a marker can replace. Refused at start-up, so the first oversized event does not find out.
/// </summary>
internal static class OversizeRules
{
    public static void Check(CdcOptions options, ConfigurationProblems problems)
    {
        var policy = options.Mapping.Oversize;
        if (policy == OversizePolicy.DeadLetter && string.IsNullOrWhiteSpace(options.Kafka.DeadLetterTopic))
        {
            problems.AddAcrossKeys(
                "'mapping.oversize' is deadLetter, but 'kafka.deadLetterTopic' is not set: oversized records would have nowhere to go. "
                + "Set kafka.deadLetterTopic to a topic outside the connector's topics (e.g. cdc-dead-letters), or set mapping.oversize to fail or reference.");
        }

        if (policy == OversizePolicy.Reference && options.Mapping.Value != ValueFormat.Envelope)
        {
            problems.AddAcrossKeys(
                "'mapping.oversize' is reference, but 'mapping.value' is document: typed values have no Extended JSON bodies to replace with a reference. "
                + "Use mapping.oversize=fail or mapping.oversize=deadLetter (with kafka.deadLetterTopic), or mapping.value=envelope.");
        }
    }
}
