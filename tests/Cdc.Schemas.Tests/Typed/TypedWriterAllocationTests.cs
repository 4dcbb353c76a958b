using System.Buffers;
using System.Text;
using Cdc.Schemas.Typed;
using static Cdc.Schemas.Tests.Typed.TypedTestValues;

namespace Cdc.Schemas.Tests.Typed;

/// <summary>The hot path: with the plan compiled, writing a document of a known shape allocates nothing.</summary>
public sealed class TypedWriterAllocationTests
{
    [Fact]
    public void Writing_a_known_shape_a_thousand_times_allocates_nothing()
    {
        var document = ToBson(KnownShape());
        var plan = TypedWritePlan.Compile(Infer(KnownShape()), TypedSchemaOrigin.Inferred);
        var writer = new TypedValueWriter();
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        for (var i = 0; i < 10; i++)
        {
            output.ResetWrittenCount();
            Assert.True(writer.Write(plan, Metadata("insert"u8), document, output).Fits);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var fits = true;
        for (var i = 0; i < 1_000; i++)
        {
            output.ResetWrittenCount();
            fits &= writer.Write(plan, Metadata("insert"u8), document, output).Fits;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(fits);
        Assert.Equal(0, allocated);
    }

    /// <summary>
    /// Every branch encoding the writer has, elements out of schema order (a field first seen later), an array of
    /// documents, a value written as Extended JSON text, and a record of 40 fields (beyond the stack-noted ones).
    /// </summary>
    private static string KnownShape()
    {
        var wide = new StringBuilder("{");
        for (var i = 0; i < 40; i++)
        {
            wide.Append(i == 0 ? string.Empty : ", ").Append("\"f").Append(i).Append("\": ").Append(i);
        }

        wide.Append('}');
        return $$$"""
            {"_id": {"$oid": "57e193d7a9cc81b4027498b5"}, "sku": "A-1", "qty": {"$numberInt": "3"}, "big": {"$numberLong": "9000000000"},
             "price": 12.5, "paid": true, "at": {"$date": {"$numberLong": "1700000000000"}}, "total": {"$numberDecimal": "37.50"},
             "uid": {"$binary": {"base64": "c//SZESzTGmQ6OfR38A11A==", "subType": "04"}}, "raw": {"$binary": {"base64": "AQID", "subType": "00"}},
             "odd": {"$binary": {"base64": "AQID", "subType": "80"}}, "ts": {"$timestamp": {"t": 5, "i": 6}},
             "re": {"$regularExpression": {"pattern": "^a", "options": "i"}}, "low": {"$minKey": 1}, "gone": null,
             "customer": {"name": "Ann", "tags": ["x", "y"]}, "lines": [{"sku": "a", "qty": 1}, {"qty": 2, "sku": "b"}],
             "wide": {{{wide}}}}
            """;
    }
}
