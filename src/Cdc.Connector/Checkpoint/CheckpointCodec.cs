using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// The checkpoint as a JSON document, the form the file and kafka stores keep:
/// <c>{"version":2,"pipeline":"orders","resumeToken":{"_data":"82…"},"startAfter":false,"operationTime":null,"committedAt":"2026-…Z","snapshot":null}</c>,
/// where <c>"snapshot"</c> is null or the snapshot progress (<see cref="SnapshotProgressJson"/>). Version 1, written
/// before snapshots existed, is the same without <c>"snapshot"</c> and still loads (with no snapshot progress).
/// The token is canonical Extended JSON, so a token holding any BSON type comes back byte for byte; the rest is plain
/// JSON a person can read. Decoding is strict: anything unexpected is an error naming where it came from and the fix,
/// because guessing a position could skip or replay events.
/// </summary>
internal static class CheckpointCodec
{
    /// <summary>The version written, by this codec and by the mongodb store's document; both read every version from <see cref="OldestVersion"/> on.</summary>
    public const int Version = 2;

    /// <summary>The version written before snapshots existed: no snapshot progress.</summary>
    public const int OldestVersion = 1;

    private static readonly HashSet<string> KnownProperties =
        new(StringComparer.Ordinal) { "version", "pipeline", "resumeToken", "startAfter", "operationTime", "committedAt", "snapshot" };

    public static byte[] Encode(StoredCheckpoint checkpoint)
    {
        var position = checkpoint.Position;
        var output = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("pipeline", checkpoint.Pipeline);
            json.WritePropertyName("resumeToken");
            if (position.Token is { } token)
            {
                json.WriteRawValue(ExactExtendedJson.Write(token, "The resume token to save"), skipInputValidation: false);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteBoolean("startAfter", position.IsInvalidate);
            json.WritePropertyName("operationTime");
            if (position.OperationTime is { } time)
            {
                json.WriteStartObject();
                json.WriteNumber("t", time.Seconds);
                json.WriteNumber("i", time.Increment);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteString("committedAt", checkpoint.CommittedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            SnapshotProgressJson.Write(json, checkpoint.Snapshot);
            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Reads a checkpoint of <paramref name="pipeline"/>; anything else throws <see cref="CheckpointStoreException"/>.</summary>
    public static StoredCheckpoint Decode(ReadOnlySpan<byte> utf8Json, string pipeline, CheckpointLocation location)
    {
        if (utf8Json.IsEmpty)
        {
            throw Invalid(location, "it is empty (a write was probably cut short outside this connector's atomic save)");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            document = JsonDocument.ParseValue(ref reader);
            if (reader.BytesConsumed != utf8Json.Length && HasNonWhitespace(utf8Json[(int)reader.BytesConsumed..]))
            {
                document.Dispose();
                throw Invalid(location, $"it has content after the JSON document at byte {reader.BytesConsumed}");
            }
        }
        catch (JsonException ex)
        {
            throw Invalid(location, $"it is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}; truncated or overwritten?)", ex);
        }

        // The JSON reader checks the structure, not the text inside strings: a damaged byte or an unpaired \u escape
        // there would surface as an InvalidOperationException when the string is read, naming neither store nor fix.
        if (JsonStringCheck.TryFindUndecodable(utf8Json, default, out var undecodable, out var isPropertyName))
        {
            document.Dispose();
            throw Invalid(
                location,
                $"it has a {(isPropertyName ? "property name" : "string")} at byte {undecodable + 1} that is not valid UTF-8 or holds an unpaired \\u surrogate escape (damaged or overwritten?)");
        }

        using (document)
        {
            return Read(document.RootElement, pipeline, location);
        }
    }

    private static StoredCheckpoint Read(JsonElement root, string pipeline, CheckpointLocation location)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(location, $"it is a JSON {Kind(root)}, not an object");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!KnownProperties.Contains(property.Name))
            {
                throw Invalid(location, $"it has an unexpected property '{property.Name}'");
            }
        }

        var version = Required(root, "version", location);
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
        {
            throw Invalid(location, $"'version' must be the number {OldestVersion} or {Version}; got {Kind(version)} {version.GetRawText()}");
        }

        if (number is < OldestVersion or > Version)
        {
            throw UnreadableVersion(location, number);
        }

        var hasSnapshot = root.TryGetProperty("snapshot", out var snapshot);
        if (hasSnapshot != (number > OldestVersion))
        {
            throw SnapshotDoesNotMatchVersion(location, number);
        }

        var name = Required(root, "pipeline", location);
        if (name.ValueKind != JsonValueKind.String)
        {
            throw Invalid(location, $"'pipeline' must be a string; got {Kind(name)}");
        }

        if (name.GetString() != pipeline)
        {
            throw Invalid(location, $"it belongs to pipeline '{name.GetString()}', not to this pipeline '{pipeline}' (check 'pipeline.name' and the store's location)");
        }

        var startAfter = Required(root, "startAfter", location);
        if (startAfter.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Invalid(location, $"'startAfter' must be true or false; got {Kind(startAfter)}");
        }

        var position = ReadPosition(Required(root, "resumeToken", location), startAfter.GetBoolean(), Required(root, "operationTime", location), location);
        return new StoredCheckpoint(pipeline, position, ReadCommittedAt(Required(root, "committedAt", location), location))
        {
            Snapshot = hasSnapshot ? SnapshotProgressJson.Read(snapshot, location) : null,
        };
    }

    private static ResumePosition ReadPosition(JsonElement token, bool startAfter, JsonElement operationTime, CheckpointLocation location)
    {
        var hasToken = token.ValueKind != JsonValueKind.Null;
        var hasTime = operationTime.ValueKind != JsonValueKind.Null;
        if (hasToken == hasTime)
        {
            throw Invalid(location, "exactly one of 'resumeToken' and 'operationTime' must be set, the other null");
        }

        if (hasTime)
        {
            if (startAfter)
            {
                throw Invalid(location, "'startAfter' is true but there is no 'resumeToken'");
            }

            return ResumePosition.FromOperationTime(ReadTimestamp(operationTime, location));
        }

        if (token.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(location, $"'resumeToken' must be an Extended JSON object or null; got {Kind(token)}");
        }

        byte[] bson;
        try
        {
            bson = ExtendedJsonParser.ParseDocument(token.GetRawText());
        }
        catch (ExtendedJsonException ex)
        {
            throw Invalid(location, $"'resumeToken' is not valid Extended JSON: {ex.Message}", ex);
        }

        return ResumePosition.FromToken(bson, startAfter);
    }

    private static BsonTimestamp ReadTimestamp(JsonElement time, CheckpointLocation location)
    {
        if (time.ValueKind != JsonValueKind.Object
            || time.EnumerateObject().Count() != 2
            || !time.TryGetProperty("t", out var seconds) || seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetUInt32(out var t)
            || !time.TryGetProperty("i", out var increment) || increment.ValueKind != JsonValueKind.Number || !increment.TryGetUInt32(out var i))
        {
            throw Invalid(location, $"'operationTime' must be {{\"t\": <seconds>, \"i\": <increment>}} with 32-bit unsigned integers; got {time.GetRawText()}");
        }

        return new BsonTimestamp(t, i);
    }

    private static DateTimeOffset ReadCommittedAt(JsonElement committedAt, CheckpointLocation location)
    {
        if (committedAt.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParseExact(committedAt.GetString(), "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
        {
            throw Invalid(location, $"'committedAt' must be an ISO-8601 time such as \"2026-01-31T12:00:00.0000000Z\"; got {committedAt.GetRawText()}");
        }

        return value;
    }

    private static JsonElement Required(JsonElement root, string name, CheckpointLocation location) =>
        root.TryGetProperty(name, out var value) ? value : throw Invalid(location, $"it has no '{name}'");

    internal static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static bool HasNonWhitespace(ReadOnlySpan<byte> rest) => rest.IndexOfAnyExcept(" \t\r\n"u8) >= 0;

    /// <summary>A version outside <see cref="OldestVersion"/>..<see cref="Version"/> (either form).</summary>
    internal static CheckpointStoreException UnreadableVersion(CheckpointLocation location, int version) =>
        Invalid(
            location,
            $"it is version {version}, and this connector reads versions {OldestVersion} and {Version} ({(version > Version ? "written by a newer release?" : "no release writes that version")})");

    /// <summary>A version 1 checkpoint with snapshot progress, or a later one without it (either form).</summary>
    internal static CheckpointStoreException SnapshotDoesNotMatchVersion(CheckpointLocation location, int version) =>
        version == OldestVersion
            ? Invalid(location, $"it is version {OldestVersion} but has a 'snapshot', which only version {Version} has (was 'version' changed?)")
            : Invalid(location, $"it is version {version} but has no 'snapshot' (null when no snapshot is planned)");

    internal static CheckpointStoreException Invalid(CheckpointLocation location, string problem, Exception? inner = null)
    {
        var message = $"The checkpoint in {location.Description} is not usable: {problem.TrimEnd('.')}. To go on, {location.Fix}.";
        return inner is null ? new CheckpointStoreException(message) : new CheckpointStoreException(message, inner);
    }
}
