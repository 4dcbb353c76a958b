namespace Cdc.Connector.Configuration;

/// <summary>Single-value checks: each returns the requirement the value breaks, or null when it is fine.</summary>
internal static class ValueChecks
{
    /// <summary>A connection string the MongoDB driver accepts (parsed by the driver itself, nothing contacted).</summary>
    public static string? MongoUri(string value)
    {
        if (!value.StartsWith("mongodb://", StringComparison.Ordinal) && !value.StartsWith("mongodb+srv://", StringComparison.Ordinal))
        {
            return "must be a MongoDB connection string starting with mongodb:// or mongodb+srv://";
        }

        return MongoUriCheck.Problem(value) is { } problem
            ? $"is not a connection string the MongoDB driver accepts: {problem}"
            : null;
    }

    /// <summary>latest | timestamp:&lt;seconds&gt; | resumeAfter:&lt;token&gt; | startAfter:&lt;token&gt; (<see cref="ConfiguredStart"/>).</summary>
    public static string? StartAt(string value)
    {
        ConfiguredStart.TryParse(value, out var problem);
        return problem;
    }

    /// <summary>An IP address to listen on (0.0.0.0, ::, 127.0.0.1, …) or localhost.</summary>
    public static string? ListenHost(string value) =>
        value == "localhost" || System.Net.IPAddress.TryParse(value, out _)
            ? null
            : "must be an IP address to listen on (0.0.0.0 for every interface, 127.0.0.1 for this host only) or localhost";

    /// <summary>One URL or several separated by commas, each absolute http or https.</summary>
    public static string? HttpUrls(string value)
    {
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return "must be one or more http:// or https:// URLs separated by commas";
            }
        }

        return null;
    }

    /// <summary>One absolute http or https URL.</summary>
    public static string? HttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : "must be an http:// or https:// URL";

    public static string? UserColonPassword(string value) =>
        value.IndexOf(':', StringComparison.Ordinal) > 0 ? null : "must be user:password";

    public static string? TopicName(string value) => KafkaTopicNames.Problem(value);

    /// <summary>The prefix is joined to "db.coll" with a dot and is itself the topic of events of no namespace: a legal, non-empty topic name.</summary>
    public static string? TopicPrefix(string value) => KafkaTopicNames.Problem(value);

    /// <summary>"db" (every collection of it) or "db.coll"; MongoDB database names cannot contain '.', so the first dot splits.</summary>
    public static string? NamespacePattern(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        return value.Length == 0 || dot == 0 || dot == value.Length - 1 || value.Contains('$', StringComparison.Ordinal)
            ? "must be a database name or <database>.<collection>"
            : null;
    }

    public static string? CollectionNamespace(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        return dot <= 0 || dot == value.Length - 1 ? "must be <database>.<collection>" : null;
    }

    /// <summary>The name keys checkpoints in shared stores and appears in logs and metrics: keep it to a safe alphabet.</summary>
    public static string? PipelineName(string value)
    {
        if (value.Length is 0 or > 100)
        {
            return "must be 1 to 100 characters of [A-Za-z0-9._-]";
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return "must be 1 to 100 characters of [A-Za-z0-9._-]";
            }
        }

        return null;
    }
}
