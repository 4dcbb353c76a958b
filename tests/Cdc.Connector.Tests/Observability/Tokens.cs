using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Tests.Observability;

/// <summary>Resume token documents for tests.</summary>
internal static class Tokens
{
    public static byte[] Data(string hex) => ExtendedJsonParser.ParseDocument($$"""{ "_data": "{{hex}}" }""");
}
