using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Schemas.Bson;

namespace Cdc.Sandbox.MongoDb.Query;

/// <summary>
/// The one shape of $group the sandbox evaluates: a constant _id with {$sum: &lt;number&gt;} accumulators, which is what
/// drivers send for countDocuments. Grouping by a field or any other accumulator is refused.
/// </summary>
internal static class CountingGroup
{
    public static List<Doc> Apply(Doc specification, List<Doc> documents)
    {
        var id = specification["_id"] ?? throw new CommandException(15955, "a group specification must include an _id");
        if ((id.Type == BsonType.String && id.String.StartsWith('$')) || id.IsDocument || id.IsArray)
        {
            throw CommandException.NotEmulated(ErrorCodes.UnrecognizedPipelineStage, "$group by a field or expression (only a constant _id with $sum counters)");
        }

        var result = new Doc().Add("_id", id);
        foreach (var (name, accumulator) in specification.Fields)
        {
            if (name == "_id")
            {
                continue;
            }

            if (!accumulator.IsDocument || accumulator.Document.Count != 1 || accumulator.Document["$sum"] is not { IsNumber: true } addend)
            {
                throw CommandException.NotEmulated(ErrorCodes.UnrecognizedPipelineStage, $"$group accumulator '{name}': {accumulator} (only {{$sum: <number>}})");
            }

            result.Add(name, Sum(addend, documents.Count));
        }

        return documents.Count == 0 ? [] : [result];
    }

    private static DocValue Sum(DocValue addend, int count)
    {
        if (addend.Type == BsonType.Int32)
        {
            var total = (long)addend.Int32 * count;
            return total is >= int.MinValue and <= int.MaxValue ? DocValue.FromInt32((int)total) : DocValue.FromInt64(total);
        }

        return addend.Type == BsonType.Int64 ? DocValue.FromInt64(addend.Int64 * count) : DocValue.FromDouble(addend.ToDouble() * count);
    }
}
