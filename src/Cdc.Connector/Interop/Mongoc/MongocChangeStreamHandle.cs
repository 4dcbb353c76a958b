using Microsoft.Win32.SafeHandles;

namespace Cdc.Connector.Interop.Mongoc;

/// <summary>
/// Owns a <c>mongoc_change_stream_t</c>. Destroying it kills the server cursor through the client, so it keeps a
/// reference on the client's handle and lets go of it only after the stream is destroyed (also under finalization).
/// </summary>
internal sealed class MongocChangeStreamHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly MongocClientHandle? _client;

    public MongocChangeStreamHandle()
        : base(ownsHandle: true)
    {
    }

    public MongocChangeStreamHandle(nint stream, MongocClientHandle client)
        : base(ownsHandle: true)
    {
        var added = false;
        client.DangerousAddRef(ref added);
        _client = client;
        SetHandle(stream);
    }

    protected override bool ReleaseHandle()
    {
        LibMongoc.mongoc_change_stream_destroy(handle);
        _client?.DangerousRelease();
        return true;
    }
}
