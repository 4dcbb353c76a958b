using Cdc.Connector.Sink;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>Keeps what <see cref="SchemaIdCache"/> reported, in order: "failed SUBJECT #ATTEMPT", "ended SUBJECT".</summary>
internal sealed class RecordingRetryListener : IRegistryRetryListener
{
    private readonly Lock _lock = new();
    private readonly List<string> _calls = [];
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_lock)
            {
                return [.. _problems];
            }
        }
    }

    public void CallFailed(string subject, int attempt, string problem)
    {
        lock (_lock)
        {
            _calls.Add($"failed {subject} #{attempt}");
            _problems.Add(problem);
        }
    }

    public void RetriesEnded(string subject)
    {
        lock (_lock)
        {
            _calls.Add($"ended {subject}");
        }
    }
}
