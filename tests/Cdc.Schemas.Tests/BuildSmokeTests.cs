using Cdc.Schemas.Bson;

namespace Cdc.Schemas.Tests;

public sealed class BuildSmokeTests
{
    [Fact]
    public void Bson_type_bytes_match_the_specification()
    {
        Assert.Equal(0x13, (byte)BsonType.Decimal128);
        Assert.Equal(0x7F, (byte)BsonType.MaxKey);
    }
}
