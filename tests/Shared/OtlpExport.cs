using System.Buffers.Binary;
using System.Text;

namespace Cdc.Tests.Shared;

/// <summary>
/// An ExportMetricsServiceRequest (opentelemetry-proto, metrics/v1), decoded by hand from the protobuf wire format: the
/// resource's attributes, and per metric its scope, name, unit, kind and points. Only the fields the tests read.
/// </summary>
internal sealed record OtlpExport(IReadOnlyDictionary<string, string> Resource, IReadOnlyList<OtlpMetric> Metrics)
{
    public OtlpMetric? Metric(string name) => Metrics.FirstOrDefault(metric => metric.Name == name);

    public static OtlpExport Decode(ReadOnlyMemory<byte> request)
    {
        var resource = new Dictionary<string, string>(StringComparer.Ordinal);
        var metrics = new List<OtlpMetric>();
        foreach (var resourceMetrics in Fields(request).Where(field => field.Number == 1))
        {
            foreach (var field in Fields(resourceMetrics.Bytes))
            {
                if (field.Number == 1)
                {
                    foreach (var attribute in Fields(field.Bytes).Where(attribute => attribute.Number == 1))
                    {
                        var (key, value) = KeyValue(attribute.Bytes);
                        resource[key] = value;
                    }
                }
                else if (field.Number == 2)
                {
                    DecodeScopeMetrics(field.Bytes, metrics);
                }
            }
        }

        return new OtlpExport(resource, metrics);
    }

    private static void DecodeScopeMetrics(ReadOnlyMemory<byte> scopeMetrics, List<OtlpMetric> metrics)
    {
        string scope = string.Empty, version = string.Empty;
        foreach (var field in Fields(scopeMetrics))
        {
            if (field.Number == 1)
            {
                scope = Text(Fields(field.Bytes).FirstOrDefault(part => part.Number == 1));
                version = Text(Fields(field.Bytes).FirstOrDefault(part => part.Number == 2));
            }
            else if (field.Number == 2)
            {
                string name = string.Empty, unit = string.Empty, kind = string.Empty;
                var monotonic = false;
                var points = new List<OtlpPoint>();
                foreach (var part in Fields(field.Bytes))
                {
                    switch (part.Number)
                    {
                        case 1: name = Text(part); break;
                        case 3: unit = Text(part); break;
                        case 5 or 7 or 9:
                            kind = part.Number switch { 5 => "gauge", 7 => "sum", _ => "histogram" };
                            foreach (var data in Fields(part.Bytes))
                            {
                                if (data.Number == 1)
                                {
                                    points.Add(part.Number == 9 ? HistogramPoint(data.Bytes) : NumberPoint(data.Bytes));
                                }
                                else if (data.Number == 3 && part.Number == 7)
                                {
                                    monotonic = data.Value != 0;
                                }
                            }

                            break;
                    }
                }

                metrics.Add(new OtlpMetric(scope, version, name, unit, kind, monotonic, points));
            }
        }
    }

    private static OtlpPoint NumberPoint(ReadOnlyMemory<byte> point)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        double value = 0;
        foreach (var field in Fields(point))
        {
            switch (field.Number)
            {
                case 7: var (key, text) = KeyValue(field.Bytes); attributes[key] = text; break;
                case 4: value = BitConverter.Int64BitsToDouble((long)field.Value); break;
                case 6: value = (long)field.Value; break;
            }
        }

        return new OtlpPoint(attributes, value, 0, 0, []);
    }

    private static OtlpPoint HistogramPoint(ReadOnlyMemory<byte> point)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        long count = 0;
        double sum = 0;
        var bounds = new List<double>();
        foreach (var field in Fields(point))
        {
            switch (field.Number)
            {
                case 9: var (key, text) = KeyValue(field.Bytes); attributes[key] = text; break;
                case 4: count = (long)field.Value; break;
                case 5: sum = BitConverter.Int64BitsToDouble((long)field.Value); break;
                case 7:
                    for (var i = 0; i + 8 <= field.Bytes.Length; i += 8)
                    {
                        bounds.Add(BinaryPrimitives.ReadDoubleLittleEndian(field.Bytes.Span[i..]));
                    }

                    break;
            }
        }

        return new OtlpPoint(attributes, 0, count, sum, bounds);
    }

    /// <summary>A KeyValue whose AnyValue is a string, bool, int or double, as text.</summary>
    private static (string Key, string Value) KeyValue(ReadOnlyMemory<byte> keyValue)
    {
        string key = string.Empty, value = string.Empty;
        foreach (var field in Fields(keyValue))
        {
            if (field.Number == 1)
            {
                key = Text(field);
            }
            else if (field.Number == 2 && Fields(field.Bytes).FirstOrDefault() is { Number: > 0 } any)
            {
                value = any.Number switch
                {
                    1 => Text(any),
                    2 => any.Value != 0 ? "true" : "false",
                    3 => ((long)any.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    4 => BitConverter.Int64BitsToDouble((long)any.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => "?",
                };
            }
        }

        return (key, value);
    }

    private static string Text(Field field) => field.Number == 0 ? string.Empty : Encoding.UTF8.GetString(field.Bytes.Span);

    /// <summary>The fields of one message: varint and fixed64 as <see cref="Field.Value"/>, length-delimited as <see cref="Field.Bytes"/>.</summary>
    private static List<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var tag = Varint(span, ref position);
            var number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    fields.Add(new Field(number, Varint(span, ref position), default));
                    break;
                case 1:
                    fields.Add(new Field(number, BinaryPrimitives.ReadUInt64LittleEndian(span[position..]), default));
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(span, ref position);
                    fields.Add(new Field(number, 0, message.Slice(position, length)));
                    position += length;
                    break;
                case 5:
                    fields.Add(new Field(number, BinaryPrimitives.ReadUInt32LittleEndian(span[position..]), default));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {tag & 7} at byte {position}: not a protobuf message this decoder reads.");
            }
        }

        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private readonly record struct Field(int Number, ulong Value, ReadOnlyMemory<byte> Bytes);
}
