using System.Globalization;
using System.Text;
using Cdc.Connector.Configuration;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Source;

/// <summary>
/// Where a change stream can continue from: a resume token (an event's <c>_id</c> or a postBatchResumeToken, as the
/// BSON document MongoDB gave) or, before any token exists, an operation time. Immutable; the token is owned.
/// </summary>
internal sealed class ResumePosition : IEquatable<ResumePosition>
{
    private ResumePosition(byte[]? token, bool isInvalidate, BsonTimestamp? operationTime)
    {
        Token = token;
        IsInvalidate = isInvalidate;
        OperationTime = operationTime;
    }

    /// <summary>The resume token document (BSON), or null for a time position.</summary>
    public byte[]? Token { get; }

    /// <summary>The token is an invalidate event's: MongoDB only accepts it in <c>startAfter</c>, not <c>resumeAfter</c>.</summary>
    public bool IsInvalidate { get; }

    /// <summary>For a time position: open with <c>startAtOperationTime</c> (inclusive).</summary>
    public BsonTimestamp? OperationTime { get; }

    public static ResumePosition FromToken(ReadOnlySpan<byte> tokenDocument, bool isInvalidate)
    {
        if (tokenDocument.Length < 5)
        {
            throw new ArgumentException("A resume token is a BSON document.", nameof(tokenDocument));
        }

        return new ResumePosition(tokenDocument.ToArray(), isInvalidate, null);
    }

    public static ResumePosition FromOperationTime(BsonTimestamp operationTime) => new(null, false, operationTime);

    /// <summary>Where mongodb.startAt opens the stream; null for latest (now).</summary>
    public static ResumePosition? FromConfigured(ConfiguredStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return start.OperationTime is { } time ? FromOperationTime(time)
            : start.Token is { } token ? FromToken(token, isInvalidate: start.IsStartAfter)
            : null;
    }

    /// <summary>For logs: the token's <c>_data</c> (MongoDB's hex string), or the time as seconds.increment.</summary>
    public string Describe()
    {
        if (OperationTime is { } time)
        {
            return string.Create(CultureInfo.InvariantCulture, $"operation time {time.Seconds}.{time.Increment}");
        }

        var reader = new BsonReader(Token);
        while (reader.MoveNext())
        {
            if (reader.Current.Type == BsonType.String && reader.Current.NameEquals("_data"u8))
            {
                var data = Encoding.UTF8.GetString(reader.Current.GetStringUtf8());
                return (IsInvalidate ? "invalidate token " : "token ") + data;
            }
        }

        return IsInvalidate ? "invalidate token" : "token";
    }

    public bool Equals(ResumePosition? other) =>
        other is not null
        && IsInvalidate == other.IsInvalidate
        && OperationTime == other.OperationTime
        && (Token is null ? other.Token is null : other.Token is not null && Token.AsSpan().SequenceEqual(other.Token));

    public override bool Equals(object? obj) => Equals(obj as ResumePosition);

    public override int GetHashCode() => HashCode.Combine(IsInvalidate, OperationTime, Token?.Length);
}
