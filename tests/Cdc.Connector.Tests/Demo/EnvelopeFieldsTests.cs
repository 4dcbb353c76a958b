using System.Text.Json;
using Cdc.Connector.Demo;

namespace Cdc.Connector.Tests.Demo;

public sealed class EnvelopeFieldsTests
{
    private const string Insert = """
        {"resumeToken":"8265F0A1D2000000012B042C0100296E5A1004","operationType":"insert","clusterTime":{"t":1710268882,"i":1},
         "wallTime":1710268882456,"ns":{"db":"shop","coll":"orders"},"documentKey":"{\"_id\":1}",
         "fullDocument":"{\"_id\":1,\"status\":\"placed\"}","fullDocumentBeforeChange":null,"updateDescription":null,
         "txnNumber":null,"lsid":null,"to":null,"operationDescription":null}
        """;

    [Fact]
    public void An_insert_shows_its_full_document_and_wallTime()
    {
        var fields = EnvelopeFields.Read(Insert);

        Assert.Equal("insert", fields.OperationType);
        Assert.Equal(1710268882456, fields.WallTimeMs);
        Assert.False(fields.InTransaction);
        Assert.Equal("{\"_id\":1,\"status\":\"placed\"}", fields.Document);
    }

    [Fact]
    public void An_update_in_a_transaction_shows_what_changed()
    {
        var update = Insert
            .Replace("\"operationType\":\"insert\"", "\"operationType\":\"update\"", StringComparison.Ordinal)
            .Replace("\"fullDocument\":\"{\\\"_id\\\":1,\\\"status\\\":\\\"placed\\\"}\"", "\"fullDocument\":null", StringComparison.Ordinal)
            .Replace("\"updateDescription\":null", "\"updateDescription\":{\"updatedFields\":\"{\\\"status\\\":\\\"paid\\\"}\",\"removedFields\":[],\"truncatedArrays\":[],\"disambiguatedPaths\":null}", StringComparison.Ordinal)
            .Replace("\"txnNumber\":null", "\"txnNumber\":7", StringComparison.Ordinal)
            .Replace("\"wallTime\":1710268882456", "\"wallTime\":null", StringComparison.Ordinal);

        var fields = EnvelopeFields.Read(update);

        Assert.Equal("update", fields.OperationType);
        Assert.Null(fields.WallTimeMs);
        Assert.True(fields.InTransaction);
        Assert.Equal("$set {\"status\":\"paid\"}", fields.Document);
    }

    [Fact]
    public void A_value_that_is_not_an_envelope_is_refused()
    {
        Assert.Throws<KeyNotFoundException>(() => EnvelopeFields.Read("""{"documentKey":"{\"_id\":1}"}"""));
        Assert.ThrowsAny<JsonException>(() => EnvelopeFields.Read("not json"));
    }

    [Fact]
    public void The_key_record_gives_the_documentKey_text()
    {
        Assert.Equal("{\"_id\":{\"$oid\":\"64d6582130a4d4b8e4c4a1f0\"}}", EnvelopeFields.DocumentKey("""{"documentKey":"{\"_id\":{\"$oid\":\"64d6582130a4d4b8e4c4a1f0\"}}"}"""));
    }
}
