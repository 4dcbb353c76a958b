using Cdc.Connector.Check;

namespace Cdc.Connector.Tests.Check;

public sealed class MongoCheckUriTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("mongodb://db:27017", "mongodb://db:27017/?serverSelectionTimeoutMS=10000&connectTimeoutMS=10000")]
    [InlineData("mongodb://db:27017/", "mongodb://db:27017/?serverSelectionTimeoutMS=10000&connectTimeoutMS=10000")]
    [InlineData("mongodb://db:27017/admin", "mongodb://db:27017/admin?serverSelectionTimeoutMS=10000&connectTimeoutMS=10000")]
    [InlineData("mongodb://db:27017/?replicaSet=rs0", "mongodb://db:27017/?replicaSet=rs0&serverSelectionTimeoutMS=10000&connectTimeoutMS=10000")]
    [InlineData("mongodb://db:27017/?", "mongodb://db:27017/?serverSelectionTimeoutMS=10000&connectTimeoutMS=10000")]
    public void The_check_limit_is_added_as_both_timeouts(string uri, string expected) =>
        Assert.Equal(expected, MongoCheckUri.WithTimeouts(uri, Limit));

    [Fact]
    public void Timeouts_the_user_set_are_kept_whatever_their_case()
    {
        Assert.Equal(
            "mongodb://db/?SERVERSELECTIONTIMEOUTMS=500&connectTimeoutMS=10000",
            MongoCheckUri.WithTimeouts("mongodb://db/?SERVERSELECTIONTIMEOUTMS=500", Limit));
        Assert.Equal(
            "mongodb://db/?connecttimeoutms=1&serverSelectionTimeoutMS=2",
            MongoCheckUri.WithTimeouts("mongodb://db/?connecttimeoutms=1&serverSelectionTimeoutMS=2", Limit));
    }
}
