using System.Globalization;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Configuration;

/// <summary>
/// mongodb.startAt, parsed: where a pipeline without a committed checkpoint opens its stream.
/// <list type="bullet">
/// <item><c>latest</c>: now.</item>
/// <item><c>timestamp:&lt;seconds&gt;</c>: startAtOperationTime Timestamp(seconds, 0), inclusive.</item>
/// <item><c>resumeAfter:&lt;token&gt;</c>: just after that event, as if it had been committed (moving from another
/// connector, whose last record's resumeToken this is, without a gap).</item>
/// <item><c>startAfter:&lt;token&gt;</c>: the same, also for an invalidate event's token (which resumeAfter refuses).</item>
/// </list>
/// A token is the resume token's <c>_data</c> hex string, as the envelope's <c>resumeToken</c> field carries it, or the
/// whole token document as Extended JSON (<c>{"_data": "…"}</c>, or the BinData tokens of MongoDB 3.6).
/// The source turns it into the position its stream opens at (<c>Source.ResumePosition.FromConfigured</c>).
/// </summary>
internal sealed class ConfiguredStart
{
    public const string Requirement =
        "must be latest, timestamp:<seconds since the epoch>, resumeAfter:<token> or startAfter:<token> (a token is a resumeToken's hex string or its document as Extended JSON)";

    private const string TimestampPrefix = "timestamp:";
    private const string ResumeAfterPrefix = "resumeAfter:";
    private const string StartAfterPrefix = "startAfter:";

    private ConfiguredStart(string text, BsonTimestamp? operationTime = null, byte[]? token = null, bool isStartAfter = false)
    {
        Text = text;
        OperationTime = operationTime;
        Token = token;
        IsStartAfter = isStartAfter;
    }

    /// <summary>The setting as written, for logs.</summary>
    public string Text { get; }

    /// <summary>timestamp:&lt;seconds&gt;, as the operation time Timestamp(seconds, 0); null otherwise.</summary>
    public BsonTimestamp? OperationTime { get; }

    /// <summary>The resume token document of resumeAfter or startAfter; null otherwise.</summary>
    public byte[]? Token { get; }

    /// <summary>startAfter, which also accepts an invalidate event's token.</summary>
    public bool IsStartAfter { get; }

    /// <summary>latest: open the stream now.</summary>
    public bool IsLatest => OperationTime is null && Token is null;

    /// <summary>The configured start, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static ConfiguredStart? TryParse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (text == "latest")
        {
            return new ConfiguredStart(text);
        }

        if (text.StartsWith(TimestampPrefix, StringComparison.Ordinal)
            && uint.TryParse(text.AsSpan(TimestampPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return new ConfiguredStart(text, operationTime: new BsonTimestamp(seconds, 0));
        }

        var startAfter = text.StartsWith(StartAfterPrefix, StringComparison.Ordinal);
        if (startAfter || text.StartsWith(ResumeAfterPrefix, StringComparison.Ordinal))
        {
            var tokenText = text[(startAfter ? StartAfterPrefix.Length : ResumeAfterPrefix.Length)..].Trim();
            if (ParseToken(tokenText, out problem) is { } token)
            {
                return new ConfiguredStart(text, token: token, isStartAfter: startAfter);
            }

            return null;
        }

        problem = Requirement;
        return null;
    }

    /// <summary>As <see cref="TryParse"/> for a value the configuration already validated.</summary>
    public static ConfiguredStart Parse(string text) =>
        TryParse(text, out var problem) ?? throw new ArgumentException($"mongodb.startAt '{text}' {problem}.", nameof(text));

    private static byte[]? ParseToken(string text, out string? problem)
    {
        problem = null;
        if (text.StartsWith('{'))
        {
            try
            {
                var document = ExtendedJsonParser.ParseDocument(text);
                if (document.Length > 5)
                {
                    return document;
                }

                problem = "names an empty resume token document";
                return null;
            }
            catch (ExtendedJsonException ex)
            {
                problem = $"has a resume token that is not valid Extended JSON ({ex.Message.TrimEnd('.')})";
                return null;
            }
        }

        if (text.Length == 0 || !text.All(char.IsAsciiHexDigit))
        {
            problem = "needs a resume token: the hex string of a record's resumeToken field (like 8265F0A1D2000000012B022C0100296E5A1004) or the token document as Extended JSON";
            return null;
        }

        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteString("_data", text);
        writer.WriteEndDocument();
        return writer.ToArray();
    }
}
