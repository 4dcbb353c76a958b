using System.Globalization;
using Cdc.Connector.Checkpoint;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Source;

/// <summary>
/// Where a (re)started connector opens its stream: the committed checkpoint always wins (its token with resumeAfter,
/// an invalidate token with startAfter, a time with startAtOperationTime); without one, mongodb.startAt
/// (timestamp:&lt;seconds&gt; → startAtOperationTime Timestamp(seconds, 0), inclusive); else now.
/// </summary>
internal static class StartPositionResolver
{
    private const string TimestampPrefix = "timestamp:";

    public static StartPosition Resolve(StoredCheckpoint? committed, string startAt)
    {
        ArgumentNullException.ThrowIfNull(startAt);
        if (committed is not null)
        {
            return StartPosition.From(
                committed.Position,
                string.Create(CultureInfo.InvariantCulture, $"committed checkpoint of {committed.CommittedAt:O} for pipeline '{committed.Pipeline}' ({committed.Position.Describe()})"));
        }

        if (startAt == "latest")
        {
            return StartPosition.Now("no committed checkpoint and mongodb.startAt is latest");
        }

        if (startAt.StartsWith(TimestampPrefix, StringComparison.Ordinal)
            && uint.TryParse(startAt.AsSpan(TimestampPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return StartPosition.From(
                ResumePosition.FromOperationTime(new BsonTimestamp(seconds, 0)),
                string.Create(CultureInfo.InvariantCulture, $"no committed checkpoint; mongodb.startAt {startAt} ({time:O})"));
        }

        throw new ArgumentException($"mongodb.startAt '{startAt}' must be latest or timestamp:<seconds since the epoch>.", nameof(startAt));
    }
}
