using Cdc.Connector.Source;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// The checkpoint as the mongodb store keeps it: <c>{_id: pipeline, version: 2, resumeToken: &lt;the token document&gt; | null,
/// startAfter, operationTime: Timestamp | null, committedAt: Date, snapshot: null | {collections: [...]}}</c>
/// (<see cref="SnapshotProgressBson"/>). Version 1, written before snapshots existed, has no <c>snapshot</c> and still
/// loads (with no snapshot progress). The token and each snapshot <c>_id</c> stay BSON, so they are exact; the commit
/// time is a BSON date, so it keeps milliseconds only. Other top-level fields are ignored: the store's lease adds
/// <c>writerEpoch</c>.
/// </summary>
internal static class MongoDbCheckpointDocument
{
    /// <summary>The stored document of <paramref name="checkpoint"/>, as BSON.</summary>
    public static byte[] ToBson(StoredCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var position = checkpoint.Position;
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteString("_id", checkpoint.Pipeline);
        writer.WriteInt32("version", CheckpointCodec.Version);
        if (position.Token is { } token)
        {
            writer.WriteRawValue("resumeToken", BsonType.Document, token);
        }
        else
        {
            writer.WriteNull("resumeToken");
        }

        writer.WriteBoolean("startAfter", position.IsInvalidate);
        if (position.OperationTime is { } time)
        {
            writer.WriteTimestamp("operationTime", time);
        }
        else
        {
            writer.WriteNull("operationTime");
        }

        writer.WriteDateTime("committedAt", checkpoint.CommittedAt.ToUnixTimeMilliseconds());
        SnapshotProgressBson.Write(writer, checkpoint.Snapshot);
        writer.WriteEndDocument();
        return writer.ToArray();
    }

    /// <summary>Reads one stored document; anything malformed throws <see cref="CheckpointStoreException"/>.</summary>
    public static StoredCheckpoint Read(ReadOnlySpan<byte> document, string pipeline, CheckpointLocation location)
    {
        try
        {
            return ReadChecked(document, pipeline, location);
        }
        catch (BsonFormatException ex)
        {
            throw CheckpointCodec.Invalid(location, $"it is not valid BSON ({ex.Message})", ex);
        }
    }

    private static StoredCheckpoint ReadChecked(ReadOnlySpan<byte> document, string pipeline, CheckpointLocation location)
    {
        BsonValidator.Validate(document);
        int? version = null;
        string? id = null;
        byte[]? token = null;
        bool? hasToken = null;
        bool? startAfter = null;
        BsonTimestamp? operationTime = null;
        bool? hasTime = null;
        long? committedAt = null;
        BsonType? snapshotType = null;
        byte[]? snapshot = null;
        var reader = new BsonReader(document);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.NameEquals("_id"u8))
            {
                id = element.Type == BsonType.String ? System.Text.Encoding.UTF8.GetString(element.GetStringUtf8()) : throw WrongType(location, "_id", "a string", element.Type);
            }
            else if (element.NameEquals("version"u8))
            {
                version = element.Type == BsonType.Int32
                    ? element.GetInt32()
                    : throw WrongType(location, "version", $"the int32 {CheckpointCodec.OldestVersion} or {CheckpointCodec.Version}", element.Type);
            }
            else if (element.NameEquals("resumeToken"u8))
            {
                hasToken = element.Type switch
                {
                    BsonType.Null => false,
                    BsonType.Document => true,
                    _ => throw WrongType(location, "resumeToken", "a document or null", element.Type),
                };
                token = hasToken.Value ? element.Value.ToArray() : null;
            }
            else if (element.NameEquals("startAfter"u8))
            {
                startAfter = element.Type == BsonType.Boolean ? element.GetBoolean() : throw WrongType(location, "startAfter", "a boolean", element.Type);
            }
            else if (element.NameEquals("operationTime"u8))
            {
                hasTime = element.Type switch
                {
                    BsonType.Null => false,
                    BsonType.Timestamp => true,
                    _ => throw WrongType(location, "operationTime", "a timestamp or null", element.Type),
                };
                operationTime = hasTime.Value ? element.GetTimestamp() : null;
            }
            else if (element.NameEquals("committedAt"u8))
            {
                committedAt = element.Type == BsonType.DateTime ? element.GetDateTime() : throw WrongType(location, "committedAt", "a date", element.Type);
            }
            else if (element.NameEquals("snapshot"u8))
            {
                // Read once the version is known: a newer release's snapshot should be refused for its version.
                snapshotType = element.Type;
                snapshot = element.Value.ToArray();
            }
        }

        if (version is null || id is null || hasToken is null || startAfter is null || hasTime is null || committedAt is null)
        {
            throw CheckpointCodec.Invalid(location, "it lacks one of _id, version, resumeToken, startAfter, operationTime, committedAt");
        }

        if (version is < CheckpointCodec.OldestVersion or > CheckpointCodec.Version)
        {
            throw CheckpointCodec.UnreadableVersion(location, version.Value);
        }

        if ((snapshotType is not null) != (version > CheckpointCodec.OldestVersion))
        {
            throw CheckpointCodec.SnapshotDoesNotMatchVersion(location, version.Value);
        }

        if (id != pipeline)
        {
            throw CheckpointCodec.Invalid(location, $"it belongs to pipeline '{id}', not to this pipeline '{pipeline}'");
        }

        if (hasToken == hasTime)
        {
            throw CheckpointCodec.Invalid(location, "exactly one of 'resumeToken' and 'operationTime' must be set, the other null");
        }

        if (startAfter.Value && token is null)
        {
            throw CheckpointCodec.Invalid(location, "'startAfter' is true but there is no 'resumeToken'");
        }

        DateTimeOffset time;
        try
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds(committedAt.Value);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw CheckpointCodec.Invalid(location, $"'committedAt' ({committedAt} ms) is outside the dates .NET can represent", ex);
        }

        var position = token is not null
            ? ResumePosition.FromToken(token, startAfter.Value)
            : ResumePosition.FromOperationTime(operationTime!.Value);
        return new StoredCheckpoint(pipeline, position, time)
        {
            Snapshot = snapshotType is { } type ? SnapshotProgressBson.Read(type, snapshot, location) : null,
        };
    }

    private static CheckpointStoreException WrongType(CheckpointLocation location, string field, string expected, BsonType actual) =>
        CheckpointCodec.Invalid(location, $"'{field}' must be {expected}; got {actual}");
}
