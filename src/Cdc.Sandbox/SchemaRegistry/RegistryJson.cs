using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>Writes registry answers as Confluent does: compact JSON with the <c>application/vnd.schemaregistry.v1+json</c> media type.</summary>
internal static class RegistryJson
{
    public const string MediaType = "application/vnd.schemaregistry.v1+json";

    public static Task Write(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = MediaType;
        context.Response.ContentLength = buffer.WrittenCount;
        return context.Response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
    }

    public static Task WriteError(HttpContext context, int status, int errorCode, string message) =>
        Write(context, status, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("error_code", errorCode);
            json.WriteString("message", message);
            json.WriteEndObject();
        });

    /// <summary>
    /// Reads a JSON object body. Any content type is accepted (Confluent takes its own media types, application/json
    /// and octet-stream); a body that is not a JSON object is a 400 with error_code 400, as Confluent answers.
    /// </summary>
    public static async Task<JsonDocument> ReadObject(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new RegistryError(400, 400, $"The request body is not valid JSON: {e.Message}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new RegistryError(400, 400, "The request body must be a JSON object.");
        }

        return document;
    }
}
