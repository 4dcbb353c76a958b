using System.Runtime.InteropServices;
using System.Text;

namespace Cdc.Connector.Interop.Mongoc;

/// <summary>libbson's <c>bson_error_t</c>: domain, code and a NUL-terminated message in a 504-byte buffer (512 in all).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BsonError
{
    public const int MessageCapacity = 504;

    public uint Domain;

    public uint Code;

    public fixed byte MessageBytes[MessageCapacity];

    public readonly string Message
    {
        get
        {
            fixed (byte* message = MessageBytes)
            {
                var text = new ReadOnlySpan<byte>(message, MessageCapacity);
                var end = text.IndexOf((byte)0);
                return Encoding.UTF8.GetString(end < 0 ? text : text[..end]);
            }
        }
    }
}
