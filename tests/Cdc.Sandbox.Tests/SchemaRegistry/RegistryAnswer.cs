using System.Text.Json;

namespace Cdc.Sandbox.Tests.SchemaRegistry;

/// <summary>An HTTP answer of the registry; <see cref="Json"/> parses the body.</summary>
internal sealed record RegistryAnswer(int Status, string? ContentType, string Body)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public int ErrorCode => Json.GetProperty("error_code").GetInt32();

    public string Message => Json.GetProperty("message").GetString()!;

    public override string ToString() => $"HTTP {Status} {ContentType}: {Body}";
}
