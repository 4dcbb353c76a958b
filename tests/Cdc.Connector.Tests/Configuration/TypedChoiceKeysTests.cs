using Cdc.Connector.Configuration;
using Cdc.Connector.Configuration.Keys;
using Cdc.Connector.Source;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>Choice keys bound to enums: any case of a documented word binds its value, and the value prints as that word.</summary>
public sealed class TypedChoiceKeysTests
{
    [Fact]
    public void Words_in_any_case_bind_the_typed_values()
    {
        var options = Load.FromSets(
            "mongodb.scope=COLLECTION", "mongodb.database=shop", "mongodb.collection=orders", "mongodb.onHistoryLost=RestartFromNow",
            "mongodb.onInvalidate=stop", "schemaRegistry.subjectNameStrategy=TOPICRECORD", "mapping.json=Canonical",
            "mapping.keylessEvents=nullkey", "checkpoint.store=MongoDB", "logging.format=JSON");

        Assert.Equal(WatchScope.Collection, options.MongoDb.Scope);
        Assert.Equal(HistoryLostAction.RestartFromNow, options.MongoDb.OnHistoryLost);
        Assert.Equal(InvalidateAction.Stop, options.MongoDb.OnInvalidate);
        Assert.Equal(SubjectNameStrategy.TopicRecord, options.SchemaRegistry.SubjectNameStrategy);
        Assert.Equal(ExtendedJsonMode.Canonical, options.Mapping.Json);
        Assert.Equal(KeylessEventPolicy.NullKey, options.Mapping.KeylessEvents);
        Assert.Equal(CheckpointStoreKind.MongoDb, options.Checkpoint.Store);
        Assert.Equal(LogFormat.Json, options.Logging.Format);
    }

    [Fact]
    public void Every_value_of_a_typed_choice_prints_as_its_documented_word()
    {
        Assert.Equal("collection", ConfigurationSchema.WordOf(WatchScope.Collection));
        Assert.Equal("restartFromNow", ConfigurationSchema.WordOf(HistoryLostAction.RestartFromNow));
        Assert.Equal("topicRecord", ConfigurationSchema.WordOf(SubjectNameStrategy.TopicRecord));
        Assert.Equal("namespaceKey", ConfigurationSchema.WordOf(KeylessEventPolicy.NamespaceKey));
        Assert.Equal("mongodb", ConfigurationSchema.WordOf(CheckpointStoreKind.MongoDb));
        foreach (var key in ConfigurationSchema.Sections.SelectMany(section => section.Entries).OfType<ChoiceKey>())
        {
            Assert.Equal(key.Allowed.Count, key.Allowed.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Theory]
    [InlineData("cluster", null, "the whole cluster")]
    [InlineData("database", "shop", "database shop")]
    [InlineData("collection", "shop.orders", "collection shop.orders")]
    public void The_watch_target_of_a_scope_describes_itself(string scope, string? expectedNamespace, string description)
    {
        var sets = new List<string> { $"mongodb.scope={scope}" };
        if (scope != "cluster")
        {
            sets.Add("mongodb.database=shop");
        }

        if (scope == "collection")
        {
            sets.Add("mongodb.collection=orders");
        }

        var target = WatchTarget.From(Load.FromSets([.. sets]).MongoDb);

        Assert.Equal(expectedNamespace, target.Namespace);
        Assert.Equal(description, target.Description);
    }
}
