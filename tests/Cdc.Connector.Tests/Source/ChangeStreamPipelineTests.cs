using System.Text.Json.Nodes;
using Cdc.Connector.Configuration;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.MongoDb;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Tests.Source;

public sealed class ChangeStreamPipelineTests
{
    [Fact]
    public void User_stages_follow_the_namespace_match_and_keep_Extended_JSON_types()
    {
        var options = new MongoDbOptions
        {
            IncludeNamespaces = ["shop"],
            Pipeline = JsonNode.Parse("""[{"$match": {"wallTime": {"$gte": {"$date": "2026-01-01T00:00:00Z"}}}}, {"$project": {"fullDocument": 0}}]""")!.AsArray(),
        };

        var pipeline = ChangeStreamPipeline.Build(options);

        var stages = pipeline.Select(stage => Bson.Node(stage)).ToList();
        Assert.Equal(3, stages.Count);
        Assert.NotNull(stages[0]!["$match"]!["$or"]);
        Assert.Equal("2026-01-01T00:00:00Z", stages[1]!["$match"]!["wallTime"]!["$gte"]!["$date"]!.GetValue<string>());
        Assert.Equal(0, stages[2]!["$project"]!["fullDocument"]!.GetValue<int>());
        Assert.Equal(BsonType.DateTime, DateTypeOfMatch(pipeline[1]));
    }

    [Fact]
    public void No_filters_and_no_stages_give_an_empty_pipeline()
    {
        Assert.Empty(ChangeStreamPipeline.Build(new MongoDbOptions()));
    }

    [Fact]
    public void The_split_stage_comes_last_after_the_users_stages_when_asked()
    {
        var options = new MongoDbOptions { IncludeNamespaces = ["shop"], Pipeline = JsonNode.Parse("""[{"$project": {"fullDocumentBeforeChange": 0}}]""")!.AsArray() };

        var stages = ChangeStreamPipeline.Build(options, splitLargeEvents: true).Select(stage => Bson.Node(stage)).ToList();

        Assert.Equal(3, stages.Count);
        Assert.Equal("{}", stages[2]!["$changeStreamSplitLargeEvent"]!.ToJsonString());
        Assert.Equal(2, ChangeStreamPipeline.Build(options).Count);
    }

    [Fact]
    public void A_users_pipeline_that_ends_with_the_split_stage_gets_no_second_one()
    {
        var options = new MongoDbOptions { Pipeline = JsonNode.Parse("""[{"$match": {}}, {"$changeStreamSplitLargeEvent": {}}]""")!.AsArray() };

        var stages = ChangeStreamPipeline.Build(options, splitLargeEvents: true);

        Assert.True(ChangeStreamPipeline.EndsWithSplitStage(options));
        Assert.Equal(2, stages.Count);
    }

    [Fact]
    public void A_stage_that_is_not_valid_Extended_JSON_names_its_index()
    {
        var options = new MongoDbOptions
        {
            Pipeline = JsonNode.Parse("""[{"$match": {}}, {"$match": {"at": {"$date": "yesterday"}}}]""")!.AsArray(),
        };

        var error = Assert.Throws<ConfigurationException>(() => ChangeStreamPipeline.Build(options));

        Assert.Contains("'mongodb.pipeline[1]'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_that_is_not_an_object_names_its_index()
    {
        var options = new MongoDbOptions { Pipeline = JsonNode.Parse("""[{"$match": {}}, 5]""")!.AsArray() };

        var error = Assert.Throws<ConfigurationException>(() => ChangeStreamPipeline.Build(options));

        Assert.Contains("'mongodb.pipeline[1]'", error.Message, StringComparison.Ordinal);
    }

    private static BsonType DateTypeOfMatch(byte[] stage)
    {
        var match = new BsonReader(stage);
        match.MoveNext();
        var fields = match.Current.GetDocumentReader();
        fields.MoveNext();
        var condition = fields.Current.GetDocumentReader();
        condition.MoveNext();
        return condition.Current.Type;
    }
}
