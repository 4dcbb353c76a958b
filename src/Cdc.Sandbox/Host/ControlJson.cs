using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cdc.Sandbox.Host;

/// <summary>Reading the control API's small JSON bodies strictly (unknown or mistyped fields are named) and writing answers.</summary>
internal static class ControlJson
{
    private const int MaxBodyBytes = 64 * 1024;

    // Answers are read by people with curl: keep quotes and '+' readable (nothing here is embedded in HTML).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task Write(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        return context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }

    public static Task WriteError(HttpContext context, int status, string message) =>
        Write(context, status, json =>
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteEndObject();
        });

    /// <summary>The body as a JSON object whose properties are all among <paramref name="allowed"/>.</summary>
    public static async Task<JsonDocument> ReadObject(HttpContext context, params string[] allowed)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw ControlApiError.BadRequest($"The request body is larger than {MaxBodyBytes} bytes.");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw ControlApiError.BadRequest($"The request body is not valid JSON: {e.Message}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ControlApiError.BadRequest($"The request body must be a JSON object with {Describe(allowed)}.");
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                var error = ControlApiError.BadRequest($"Unknown field '{property.Name}'; this endpoint takes {Describe(allowed)}.");
                document.Dispose();
                throw error;
            }
        }

        return document;
    }

    /// <summary>An integer field within [min, max], or null when absent.</summary>
    public static int? OptionalInt(JsonElement body, string name, int min, int max)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw ControlApiError.BadRequest($"'{name}' must be an integer, not {value.GetRawText()}.");
        }

        return number < min || number > max
            ? throw ControlApiError.BadRequest($"'{name}' must be {min}..{max}, not {number}.")
            : number;
    }

    public static int RequiredInt(JsonElement body, string name, int min, int max) =>
        OptionalInt(body, name, min, max) ?? throw ControlApiError.BadRequest($"'{name}' is required (an integer {min}..{max}).");

    public static string RequiredString(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw ControlApiError.BadRequest($"'{name}' is required (a non-empty string).");

    public static bool OptionalBool(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ControlApiError.BadRequest($"'{name}' must be true or false, not {value.GetRawText()}."),
        };
    }

    private static string Describe(string[] allowed) => string.Join(", ", allowed.Select(name => $"'{name}'"));
}
