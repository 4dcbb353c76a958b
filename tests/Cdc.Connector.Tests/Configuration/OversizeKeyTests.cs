using System.Text.Json.Nodes;
using Cdc.Connector.Configuration;
using Cdc.Connector.Pipeline;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>Issue 20, item 3: mapping.oversize loads, is shown with its siblings, and refuses what its policy cannot use.</summary>
public sealed class OversizeKeyTests
{
    [Fact]
    public void Oversized_records_fail_by_default_even_with_a_dead_letter_topic()
    {
        var options = Load.FromSets("kafka.deadLetterTopic=cdc-dead-letters");

        Assert.Equal(OversizePolicy.Fail, options.Mapping.Oversize);
        Assert.Equal(OversizePolicy.Fail, PipelineSettings.From(options).Oversize);
    }

    [Theory]
    [InlineData("fail", nameof(OversizePolicy.Fail))]
    [InlineData("deadLetter", nameof(OversizePolicy.DeadLetter))]
    [InlineData("reference", nameof(OversizePolicy.Reference))]
    public void Each_policy_loads_and_reaches_the_pipeline_with_the_producers_limit(string word, string name)
    {
        var policy = Enum.Parse<OversizePolicy>(name);
        var options = Load.FromSets($"mapping.oversize={word}", "kafka.deadLetterTopic=cdc-dead-letters", "kafka.producer.message.max.bytes=200000");

        Assert.Equal(policy, options.Mapping.Oversize);
        var settings = PipelineSettings.From(options);
        Assert.Equal(policy, settings.Oversize);
        Assert.Equal(200_000, settings.MessageMaxBytes);
    }

    [Fact]
    public void DeadLetter_without_a_dead_letter_topic_is_refused_naming_both_keys_and_the_fix()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mapping.oversize=deadLetter"));

        Assert.Equal(
            "'mapping.oversize' is deadLetter, but 'kafka.deadLetterTopic' is not set: oversized records would have nowhere to go. "
            + "Set kafka.deadLetterTopic to a topic outside the connector's topics (e.g. cdc-dead-letters), or set mapping.oversize to fail or reference.",
            problem);
    }

    [Fact]
    public void Reference_with_typed_values_is_refused_saying_to_use_fail_or_deadLetter()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mapping.oversize=reference", "mapping.value=document", "mongodb.fullDocument=updateLookup"));

        Assert.Equal(
            "'mapping.oversize' is reference, but 'mapping.value' is document: typed values have no Extended JSON bodies to replace with a reference. "
            + "Use mapping.oversize=fail or mapping.oversize=deadLetter (with kafka.deadLetterTopic), or mapping.value=envelope.",
            problem);
    }

    [Fact]
    public void An_unknown_policy_is_refused_listing_the_three()
    {
        var problem = Assert.Single(Load.ProblemsFromSets("mapping.oversize=skip"));

        Assert.StartsWith("'mapping.oversize' must be one of fail, deadLetter, reference; got \"skip\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_effective_configuration_shows_the_policy_beside_its_siblings()
    {
        var shown = JsonNode.Parse(EffectiveConfiguration.ToJson(Load.FromSets("mapping.oversize=reference")))!;

        Assert.Equal("reference", shown["mapping"]!["oversize"]!.GetValue<string>());
        Assert.Equal("fail", JsonNode.Parse(EffectiveConfiguration.ToJson(Load.FromSets()))!["mapping"]!["oversize"]!.GetValue<string>());
    }
}
