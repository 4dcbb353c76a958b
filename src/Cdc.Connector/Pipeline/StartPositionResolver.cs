using System.Globalization;
using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Cdc.Connector.Source;

namespace Cdc.Connector.Pipeline;

/// <summary>
/// Where a (re)started connector opens its stream: the committed checkpoint always wins (its token with resumeAfter,
/// an invalidate token with startAfter, a time with startAtOperationTime); without one, mongodb.startAt
/// (<see cref="ConfiguredStart"/>); else now.
/// </summary>
internal static class StartPositionResolver
{
    public static StartPosition Resolve(StoredCheckpoint? committed, string startAt)
    {
        ArgumentNullException.ThrowIfNull(startAt);
        if (committed is not null)
        {
            return StartPosition.From(
                committed.Position,
                string.Create(CultureInfo.InvariantCulture, $"committed checkpoint of {committed.CommittedAt:O} for pipeline '{committed.Pipeline}' ({committed.Position.Describe()})"));
        }

        var configured = ConfiguredStart.Parse(startAt);
        if (ResumePosition.FromConfigured(configured) is not { } position)
        {
            return StartPosition.Now("no committed checkpoint and mongodb.startAt is latest");
        }

        var when = position.OperationTime is { } time
            ? string.Create(CultureInfo.InvariantCulture, $" ({DateTimeOffset.FromUnixTimeSeconds(time.Seconds):O})")
            : string.Empty;
        return StartPosition.From(position, $"no committed checkpoint; mongodb.startAt {configured.Text}{when}");
    }
}
