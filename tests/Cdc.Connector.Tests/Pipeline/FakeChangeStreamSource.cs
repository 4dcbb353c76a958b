using Cdc.Connector.Source;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>One opened stream over a <see cref="FakeChangeStreamServer"/>; an exhausted log gives BatchEnd after a short await.</summary>
internal sealed class FakeChangeStreamSource : IChangeStreamSource
{
    private readonly FakeChangeStreamServer _server;
    private int _next = -1;
    private byte[] _postBatchToken = [];

    public FakeChangeStreamSource(FakeChangeStreamServer server)
    {
        _server = server;
    }

    public bool Disposed { get; private set; }

    public ReadOnlySpan<byte> PostBatchResumeToken => _postBatchToken;

    public ResumePosition? Open(StartPosition start, CancellationToken cancellationToken)
    {
        _next = _server.Open(start, out var captured);
        return captured;
    }

    public ChangeStreamRead Read(out ReadOnlySpan<byte> changeEvent, CancellationToken cancellationToken)
    {
        if (_next < 0)
        {
            throw new InvalidOperationException("Read before Open.");
        }

        if (_server.TryRead(_next, out var entry))
        {
            _next++;
            if (entry is null)
            {
                changeEvent = default;
                return ChangeStreamRead.Closed;
            }

            changeEvent = entry;
            return ChangeStreamRead.Event;
        }

        Thread.Sleep(5); // maxAwaitTimeMS of an idle stream
        _postBatchToken = _server.IdlePostBatchToken;
        _server.BatchEnded();
        changeEvent = default;
        return ChangeStreamRead.BatchEnd;
    }

    public void Dispose() => Disposed = true;
}
