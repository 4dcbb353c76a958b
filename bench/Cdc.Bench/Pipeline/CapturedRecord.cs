namespace Cdc.Bench.Pipeline;

/// <summary>One record exactly as the pipeline handed it to the producer; <see cref="TopicSuffix"/> is the topic without its prefix.</summary>
internal sealed record CapturedRecord(int TopicSuffix, byte[]? Key, byte[]? Value);
