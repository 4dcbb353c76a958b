namespace Cdc.Connector.Configuration;

/// <summary>Kafka's own topic name rules: 1–249 characters of [A-Za-z0-9._-], and not "." or "..".</summary>
internal static class KafkaTopicNames
{
    public const int MaxLength = 249;

    public static string? Problem(string name)
    {
        if (name.Length is 0 or > MaxLength || name is "." or "..")
        {
            return $"must be a Kafka topic name: 1 to {MaxLength} characters, not \".\" or \"..\"";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return "must be a Kafka topic name: only letters, digits, '.', '_' and '-'";
            }
        }

        return null;
    }
}
