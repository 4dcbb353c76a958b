using System.Text.Json.Nodes;
using Cdc.Connector.Configuration;
using Cdc.Connector.Source;
using Cdc.Connector.Tests.Interop;
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

        var stages = Bson.Node(pipeline)["pipeline"]!.AsArray();
        Assert.Equal(3, stages.Count);
        Assert.NotNull(stages[0]!["$match"]!["$or"]);
        Assert.Equal("2026-01-01T00:00:00.000Z", stages[1]!["$match"]!["wallTime"]!["$gte"]!["$date"]!.GetValue<string>());
        Assert.Equal(0, stages[2]!["$project"]!["fullDocument"]!.GetValue<int>());
        Assert.Equal(BsonType.DateTime, DateTypeOfFirstUserStage(pipeline));
    }

    [Fact]
    public void No_filters_and_no_stages_give_an_empty_pipeline()
    {
        Assert.Equal("""{"pipeline":[]}""", Bson.Json(ChangeStreamPipeline.Build(new MongoDbOptions())));
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

    private static BsonType DateTypeOfFirstUserStage(byte[] pipeline)
    {
        var reader = new BsonReader(pipeline);
        reader.MoveNext();
        var stages = reader.Current.GetDocumentReader();
        stages.MoveNext();
        stages.MoveNext();
        var match = stages.Current.GetDocumentReader();
        match.MoveNext();
        var fields = match.Current.GetDocumentReader();
        fields.MoveNext();
        var condition = fields.Current.GetDocumentReader();
        condition.MoveNext();
        return condition.Current.Type;
    }
}
