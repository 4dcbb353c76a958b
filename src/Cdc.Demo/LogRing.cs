namespace Cdc.Demo;

/// <summary>The demo's log: the last lines of every component (sandbox, connector, consumer), kept in memory for the view instead of being written over it.</summary>
internal sealed class LogRing(int capacity = 200)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private long _warnings;
    private long _errors;

    public long Warnings => Interlocked.Read(ref _warnings);

    public long Errors => Interlocked.Read(ref _errors);

    public void Add(string line, bool isWarning, bool isError)
    {
        if (isWarning)
        {
            Interlocked.Increment(ref _warnings);
        }

        if (isError)
        {
            Interlocked.Increment(ref _errors);
        }

        lock (_lock)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public IReadOnlyList<string> Last(int count)
    {
        lock (_lock)
        {
            return [.. _lines.Skip(Math.Max(0, _lines.Count - count))];
        }
    }
}
