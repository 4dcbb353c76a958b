using Cdc.Connector.Source;
using Cdc.Connector.Tests.MongoDb;

namespace Cdc.Connector.Tests.Source;

public sealed class NamespaceFilterTests
{
    [Fact]
    public void No_lists_compile_to_no_stage()
    {
        Assert.Null(NamespaceFilter.Compile([], []));
    }

    [Fact]
    public void Include_and_exclude_compile_to_one_match_that_always_keeps_invalidate()
    {
        var stage = NamespaceFilter.Compile(["shop", "bank.accounts"], ["shop.audit"]);

        Assert.Equal(
            """{"$match":{"$or":[{"operationType":"invalidate"},{"$and":[{"$or":[{"ns.db":"shop"},{"ns.db":"bank","$or":[{"ns.coll":"accounts"},{"ns.coll":{"$exists":false}}]}]},{"$nor":[{"ns.db":"shop","ns.coll":"audit"}]}]}]}}""",
            Bson.Json(stage!));
    }

    [Fact]
    public void A_collection_name_with_dots_splits_at_the_first_dot()
    {
        var stage = NamespaceFilter.Compile([], ["logs.app.2026"]);

        Assert.Contains("""{"ns.db":"logs","ns.coll":"app.2026"}""", Bson.Json(stage!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".orders")]
    [InlineData("shop.")]
    public void A_malformed_entry_is_refused_naming_the_key(string entry)
    {
        var error = Assert.Throws<ArgumentException>(() => NamespaceFilter.Compile([entry], []));

        Assert.Contains($"'mongodb.includeNamespaces' entry '{entry}'", error.Message, StringComparison.Ordinal);
    }
}
