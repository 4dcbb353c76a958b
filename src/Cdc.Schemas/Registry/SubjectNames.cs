namespace Cdc.Schemas.Registry;

/// <summary>The subject a key or value schema is registered under, per <see cref="SubjectNameStrategy"/>.</summary>
internal static class SubjectNames
{
    public static string For(SubjectNameStrategy strategy, string topic, bool isKey, string recordFullName) => strategy switch
    {
        SubjectNameStrategy.Topic => topic + (isKey ? "-key" : "-value"),
        SubjectNameStrategy.Record => recordFullName,
        SubjectNameStrategy.TopicRecord => topic + "-" + recordFullName,
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown subject name strategy."),
    };
}
