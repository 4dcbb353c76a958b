using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Cdc.Connector.Interop.Mongoc;

/// <summary>A heap <c>bson_t</c> created from the project's own BSON bytes (bson_new_from_data copies them).</summary>
internal sealed unsafe class BsonHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public BsonHandle()
        : base(ownsHandle: true)
    {
    }

    private BsonHandle(nint document)
        : base(ownsHandle: true) => SetHandle(document);

    public static BsonHandle FromDocument(ReadOnlySpan<byte> document, string what)
    {
        if (document.Length < 5 || document.Length != BinaryPrimitives.ReadInt32LittleEndian(document))
        {
            throw new ArgumentException($"The {what} is not one BSON document ({document.Length} bytes, length prefix disagrees).", nameof(document));
        }

        nint created;
        fixed (byte* data = document)
        {
            created = LibMongoc.bson_new_from_data(data, (nuint)document.Length);
        }

        if (created == 0)
        {
            throw new ArgumentException($"libbson rejected the {what} as BSON ({document.Length} bytes).", nameof(document));
        }

        return new BsonHandle(created);
    }

    protected override bool ReleaseHandle()
    {
        LibMongoc.bson_destroy(handle);
        return true;
    }
}
