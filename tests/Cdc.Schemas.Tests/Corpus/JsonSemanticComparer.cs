using System.Globalization;
using System.Text.Json;

namespace Cdc.Schemas.Tests.Corpus;

/// <summary>
/// Compares two Extended JSON texts the way the corpus specification asks: same keys in the same order, same values,
/// with doubles (inside $numberDouble and bare relaxed numbers) compared by value because their text is not portable.
/// ISO $date strings are compared as text: the specification fixes their form (three fraction digits, none for a whole
/// second), and consumers compare them byte for byte. A bare number must keep its kind: integer text versus
/// fraction/exponent text.
/// </summary>
internal static class JsonSemanticComparer
{
    /// <summary>Null when equal, else a description of the first difference.</summary>
    public static string? Difference(string expected, string actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual);
        return Compare(expectedDocument.RootElement, actualDocument.RootElement, "$", null);
    }

    private static string? Compare(JsonElement expected, JsonElement actual, string path, string? key)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} {expected.GetRawText()}, got {actual.ValueKind} {actual.GetRawText()}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                {
                    var expectedProperties = expected.EnumerateObject().ToList();
                    var actualProperties = actual.EnumerateObject().ToList();
                    if (expectedProperties.Count != actualProperties.Count)
                    {
                        return $"{path}: expected keys [{string.Join(",", expectedProperties.Select(p => p.Name))}], got [{string.Join(",", actualProperties.Select(p => p.Name))}]";
                    }

                    for (var i = 0; i < expectedProperties.Count; i++)
                    {
                        if (expectedProperties[i].Name != actualProperties[i].Name)
                        {
                            return $"{path}: key {i} expected \"{expectedProperties[i].Name}\", got \"{actualProperties[i].Name}\"";
                        }

                        var difference = Compare(expectedProperties[i].Value, actualProperties[i].Value, $"{path}.{expectedProperties[i].Name}", expectedProperties[i].Name);
                        if (difference is not null)
                        {
                            return difference;
                        }
                    }

                    return null;
                }

            case JsonValueKind.Array:
                {
                    var expectedItems = expected.EnumerateArray().ToList();
                    var actualItems = actual.EnumerateArray().ToList();
                    if (expectedItems.Count != actualItems.Count)
                    {
                        return $"{path}: expected {expectedItems.Count} items, got {actualItems.Count}";
                    }

                    for (var i = 0; i < expectedItems.Count; i++)
                    {
                        var difference = Compare(expectedItems[i], actualItems[i], $"{path}[{i}]", null);
                        if (difference is not null)
                        {
                            return difference;
                        }
                    }

                    return null;
                }

            case JsonValueKind.String:
                {
                    var e = expected.GetString()!;
                    var a = actual.GetString()!;
                    var same = key switch
                    {
                        "$numberDouble" => SameDouble(e, a),
                        _ => e == a,
                    };
                    return same ? null : $"{path}: expected \"{e}\", got \"{a}\"";
                }

            case JsonValueKind.Number:
                return SameNumber(expected.GetRawText(), actual.GetRawText()) ? null : $"{path}: expected number {expected.GetRawText()}, got {actual.GetRawText()}";
            default:
                return null;
        }
    }

    private static bool SameNumber(string expected, string actual)
    {
        var expectedIsInteger = expected.IndexOfAny(['.', 'e', 'E']) < 0;
        var actualIsInteger = actual.IndexOfAny(['.', 'e', 'E']) < 0;
        if (expectedIsInteger != actualIsInteger)
        {
            return false;
        }

        return expectedIsInteger
            ? decimal.Parse(expected, CultureInfo.InvariantCulture) == decimal.Parse(actual, CultureInfo.InvariantCulture)
            : SameDouble(expected, actual);
    }

    private static bool SameDouble(string expected, string actual)
    {
        var e = double.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture);
        var a = double.Parse(actual, NumberStyles.Float, CultureInfo.InvariantCulture);
        return (double.IsNaN(e) && double.IsNaN(a)) || BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a);
    }
}
