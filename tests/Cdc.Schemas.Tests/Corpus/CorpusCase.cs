using System.Text.Json;

namespace Cdc.Schemas.Tests.Corpus;

/// <summary>One case of a corpus file, with the file's own fields (bson_type, deprecated) at hand.</summary>
internal sealed record CorpusCase(string File, JsonElement FileRoot, JsonElement Case)
{
    public string? Text(string property) =>
        Case.TryGetProperty(property, out var value) ? value.GetString() : null;

    public byte[]? Bytes(string property) =>
        Text(property) is { } hex ? Convert.FromHexString(hex) : null;

    public bool Lossy => Case.TryGetProperty("lossy", out var lossy) && lossy.GetBoolean();

    public bool IsDecimal128File => File.StartsWith("decimal128", StringComparison.Ordinal);
}
