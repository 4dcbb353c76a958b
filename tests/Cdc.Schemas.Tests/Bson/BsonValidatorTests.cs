using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Tests.Bson;

public sealed class BsonValidatorTests
{
    [Fact]
    public void Accepts_nesting_up_to_the_limit()
    {
        var error = Record.Exception(() => BsonValidator.Validate(BsonTestDocuments.NestedRaw(BsonLimits.MaxNestingDepth)));

        Assert.Null(error);
    }

    [Fact]
    public void Rejects_nesting_beyond_the_limit_with_a_clear_error()
    {
        var error = Assert.Throws<BsonFormatException>(() => BsonValidator.Validate(BsonTestDocuments.NestedRaw(5000)));

        Assert.Contains($"nested deeper than {BsonLimits.MaxNestingDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_the_scope_of_code_with_scope()
    {
        // Scope document holds a string with length 0.
        var error = Assert.Throws<BsonFormatException>(() => BsonValidator.Validate(Convert.FromHexString("1C0000000F001500000001000000000C000000020000000000000000")));

        Assert.Contains("has length 0", error.Message, StringComparison.Ordinal);
    }
}
