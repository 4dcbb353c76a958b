using System.Runtime.InteropServices;

namespace Cdc.Sandbox.Kafka;

/// <summary>librdkafka's own error table (<c>rd_kafka_get_err_descs</c>), read once: name ↔ code.</summary>
internal static class KafkaErrorCatalog
{
    // struct rd_kafka_err_desc { rd_kafka_resp_err_t code; const char *name; const char *desc; }:
    // an int padded to pointer alignment, then two pointers.
    private static readonly int NameOffset = IntPtr.Size;
    private static readonly int EntrySize = 3 * IntPtr.Size;

    private static readonly Lazy<Dictionary<string, int>> CodesByName = new(Read);
    private static readonly Lazy<HashSet<int>> Codes = new(() => [.. CodesByName.Value.Values]);

    public static bool TryFind(string name, out int code) => CodesByName.Value.TryGetValue(name, out code);

    public static bool Contains(int code) => Codes.Value.Contains(code);

    private static Dictionary<string, int> Read()
    {
        LibRdKafkaLoader.EnsureLoaded();
        LibRdKafka.rd_kafka_get_err_descs(out var table, out var count);
        var codes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (int)count; i++)
        {
            var entry = table + (i * EntrySize);
            // The table is indexed by code and has holes: entries without a name are unused codes.
            var name = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(entry, NameOffset));
            if (name is { Length: > 0 })
            {
                codes[name] = Marshal.ReadInt32(entry);
            }
        }

        return codes;
    }
}
