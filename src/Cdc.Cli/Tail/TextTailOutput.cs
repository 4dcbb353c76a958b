using System.Text.Json;

namespace Cdc.Cli.Tail;

/// <summary>
/// `cdc tail` for people: a header line "topic[partition]@offset  timestamp  key=…" then the value as compact JSON,
/// indented ("null (tombstone)" for a tombstone). A cdc key is shown as its documentKey (the key record's one string
/// field, itself Extended JSON), any other key as JSON. A record that does not decode goes to stderr instead.
/// </summary>
internal sealed class TextTailOutput : ITailOutput
{
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    public TextTailOutput(TextWriter stdout, TextWriter stderr)
    {
        _stdout = stdout;
        _stderr = stderr;
    }

    public void Write(TailedRecord record)
    {
        if (record.Error is { } error)
        {
            _stderr.WriteLine($"cdc tail: {record.Position}: {error}");
            return;
        }

        _stdout.WriteLine($"{record.Position}  {record.TimestampText ?? "(no timestamp)"}  key={KeyText(record.KeyJson)}");
        _stdout.WriteLine(record.ValueJson is null ? "  null (tombstone)" : "  " + record.ValueJson);
    }

    private static string KeyText(string? keyJson)
    {
        if (keyJson is null)
        {
            return "(none)";
        }

        using var key = JsonDocument.Parse(keyJson);
        if (key.RootElement.ValueKind == JsonValueKind.Object && key.RootElement.EnumerateObject().ToList() is [{ Value.ValueKind: JsonValueKind.String } only])
        {
            return only.Value.GetString()!;
        }

        return keyJson;
    }
}
