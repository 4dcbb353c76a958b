using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Configuration;

/// <summary>
/// Topics that must stay apart: the checkpoint topic and the dead-letter topic hold records of their own kind, so
/// neither may be the other, a kafka.topics entry, or the generated topic of a namespace the configuration names
/// (<see cref="NamedNamespaceTopics"/>); and a kafka.topics entry must not send its namespace into the generated topic
/// of a namespace that kafka.topics does not name. Several kafka.topics entries naming one topic are allowed: that
/// fan-in names every namespace it merges, and their records are all change records of one envelope schema.
/// Namespaces that appear only at run time are checked by the mapper when it first resolves their topic.
/// </summary>
internal static class TopicCollisionRules
{
    public static void Check(CdcOptions options, ConfigurationProblems problems)
    {
        var reserved = ReservedTopics.From(options);
        var overrides = options.Kafka.Topics.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToArray();
        var named = NamedNamespaceTopics.Of(options);

        if (reserved is [var checkpoint, var deadLetter] && checkpoint.Topic == deadLetter.Topic)
        {
            problems.AddAcrossKeys(
                $"'{checkpoint.Key}' and '{deadLetter.Key}' are both \"{checkpoint.Topic}\": {checkpoint.Holds}, so dead-letter records must not go there; give one of them another topic.");
        }

        foreach (var topic in reserved)
        {
            foreach (var (ns, target) in overrides.Where(entry => entry.Value == topic.Topic))
            {
                problems.AddAcrossKeys(
                    $"'{topic.Key}' and 'kafka.topics.{ns}' are both \"{target}\": {topic.Holds}, so change records must not go there; give one of them another topic.");
            }

            foreach (var generated in named.Where(generated => generated.Topic == topic.Topic))
            {
                var move = NamespaceWording.OverrideKey(generated.Database, generated.Collection) is { } key
                    ? $"send {generated.Database}.{generated.Collection} to another topic with {key}=<topic>, or "
                    : string.Empty;
                problems.AddAcrossKeys(
                    $"'{topic.Key}' is \"{topic.Topic}\", which {generated.MadeBy} the topic of {Describe(generated)} as well: {topic.Holds}, so change records must not go there; fix: {move}{topic.Rename}.");
            }
        }

        foreach (var (ns, target) in overrides)
        {
            foreach (var generated in named.Where(generated => generated.Topic == target))
            {
                var what = Describe(generated);
                var merge = NamespaceWording.OverrideKey(generated.Database, generated.Collection) is { } key
                    ? $"to publish {generated.Database}.{generated.Collection} there as well on purpose, name it too with {key}={target}; otherwise "
                    : string.Empty;
                problems.AddAcrossKeys(
                    $"'kafka.topics.{ns}' is \"{target}\", which {generated.MadeBy} the topic of {what} as well, while kafka.topics does not name {what}: their records would merge there unannounced; fix: {merge}give 'kafka.topics.{ns}' another topic.");
            }
        }
    }

    private static string Describe(NamedNamespaceTopic generated) => NamespaceWording.Describe(generated.Database, generated.Collection);
}
