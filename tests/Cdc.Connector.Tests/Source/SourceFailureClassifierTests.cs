using Cdc.Connector.Interop.Mongoc;
using Cdc.Connector.Source;

namespace Cdc.Connector.Tests.Source;

public sealed class SourceFailureClassifierTests
{
    [Theory]
    [InlineData(286, "HistoryLost")]
    [InlineData(136, "HistoryLost")]
    [InlineData(260, "InvalidToken")]
    [InlineData(280, "InvalidToken")]
    [InlineData(13, "Fatal")]
    [InlineData(18, "Fatal")]
    [InlineData(40573, "Fatal")]
    [InlineData(40324, "Fatal")]
    [InlineData(9, "Fatal")]
    [InlineData(40415, "Fatal")]
    [InlineData(47, "Fatal")]
    [InlineData(43, "Transient")]
    [InlineData(11602, "Transient")]
    [InlineData(10107, "Transient")]
    [InlineData(1, "Transient")]
    public void Server_errors_are_classified_by_code(int code, string expected)
    {
        var error = new MongoException("failed", MongoErrors.ServerDomain, code, null, []);

        Assert.Equal(expected, SourceFailureClassifier.Classify(error).ToString());
    }

    [Theory]
    [InlineData(2u, 5, "Transient")]      // socket error
    [InlineData(15u, 13053, "Transient")] // server selection failed: the server may come back
    [InlineData(15u, 13052, "Fatal")]     // incompatible wire version
    [InlineData(1u, 11, "Fatal")]         // authentication failed
    [InlineData(14u, 29, "Fatal")]        // SCRAM protocol error
    [InlineData(11u, 22, "Fatal")]        // invalid argument in our options
    [InlineData(4u, 51, "Fatal")]         // a stage removed the resume token
    public void Client_side_errors_are_classified_by_domain_and_code(uint domain, int code, string expected)
    {
        var error = new MongoException("failed", domain, code, null, []);

        Assert.Equal(expected, SourceFailureClassifier.Classify(error).ToString());
    }

    [Fact]
    public void A_client_code_that_equals_a_server_code_is_not_read_as_the_server_one()
    {
        // 13 is Unauthorized from a server; in the client domain it is MONGOC_ERROR_CLIENT_IN_EXHAUST.
        var error = new MongoException("failed", 1, 13, null, []);

        Assert.Equal(SourceFailureKind.Transient, SourceFailureClassifier.Classify(error));
    }
}
