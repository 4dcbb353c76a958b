using Microsoft.Win32.SafeHandles;

namespace Cdc.Connector.Interop.Mongoc;

/// <summary>Owns a <c>mongoc_client_t</c>; change streams hold a reference so the client outlives them.</summary>
internal sealed class MongocClientHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public MongocClientHandle()
        : base(ownsHandle: true)
    {
    }

    public MongocClientHandle(nint client)
        : base(ownsHandle: true) => SetHandle(client);

    protected override bool ReleaseHandle()
    {
        LibMongoc.mongoc_client_destroy(handle);
        return true;
    }
}
