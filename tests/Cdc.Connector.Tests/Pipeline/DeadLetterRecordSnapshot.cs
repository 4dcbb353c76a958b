using Cdc.Connector.Sink;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>A dead-letter record the fake publisher received, with the headers the real publisher would give it.</summary>
internal sealed record DeadLetterRecordSnapshot(DeadLetterRecord Record)
{
    public string? Header(string name) =>
        DeadLetterHeaders.For(Record).TryGetLastBytes(name, out var value) ? System.Text.Encoding.UTF8.GetString(value) : null;
}
