namespace Cdc.Schemas.Mapping;

/// <summary>
/// A namespace's topic, resolved when its first event arrives, is a topic that must not receive its records: a topic
/// of another kind of record (<see cref="ReservedTopic"/>), or a topic that <c>kafka.topics</c> sends other namespaces
/// to. The connector stops rather than mix them; the configuration check at start-up catches every such collision
/// whose namespace the configuration names, this one the namespaces that appear later.
/// </summary>
internal sealed class TopicCollisionException : Exception
{
    public TopicCollisionException()
        : base("A namespace's topic collides with another topic of the configuration.")
    {
    }

    public TopicCollisionException(string message)
        : base(message)
    {
    }

    public TopicCollisionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The namespace's topic (generated or overridden) is <paramref name="reserved"/>.</summary>
    public static TopicCollisionException WithReserved(string? db, string? coll, string topic, ReservedTopic reserved)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        var move = NamespaceWording.OverrideKey(db, coll) is { } key ? $"send {db}.{coll} to another topic with {key}=<topic>, or " : string.Empty;
        return new TopicCollisionException(
            $"The topic of {NamespaceWording.Describe(db, coll)} is \"{topic}\", which is '{reserved.Key}': {reserved.Holds}. "
            + $"The connector stops at this event rather than mix change records into it; fix: {move}{reserved.Rename}.");
    }

    /// <summary>The namespace is not in kafka.topics, but its generated topic is one that <paramref name="overrideKeys"/> send other namespaces to.</summary>
    public static TopicCollisionException WithOverrides(string? db, string? coll, string topic, IReadOnlyList<string> overrideKeys)
    {
        ArgumentNullException.ThrowIfNull(overrideKeys);
        var keys = string.Join(" and ", overrideKeys.Select(key => $"'{key}'"));
        var what = NamespaceWording.Describe(db, coll);
        var merge = NamespaceWording.OverrideKey(db, coll) is { } key
            ? $"to publish {db}.{coll} there as well on purpose, name it too with {key}={topic}; otherwise "
            : string.Empty;
        return new TopicCollisionException(
            $"The topic of {what} is \"{topic}\", which {keys} also {(overrideKeys.Count == 1 ? "sends" : "send")} records to, while kafka.topics does not name {what}. "
            + $"The connector stops at this event rather than merge their records unannounced; fix: {merge}give {keys} another topic.");
    }
}
