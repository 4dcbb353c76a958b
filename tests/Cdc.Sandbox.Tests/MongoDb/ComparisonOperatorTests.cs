using Cdc.Sandbox.MongoDb.Documents;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>$gt/$gte/$lt/$lte as mongod's ComparisonMatchExpression decides them beyond plain type bracketing.</summary>
public sealed class ComparisonOperatorTests
{
    [Fact]
    public async Task MinKey_and_MaxKey_operands_bound_values_of_every_type()
    {
        var harness = await ValuesAsync(DocValue.FromInt32(1), DocValue.FromString("s"), D(new Doc().Add("a", 1)), DocValue.MinKey, DocValue.MaxKey, DocValue.Null);

        Assert.Equal([0, 1, 2, 4, 5], await MatchesAsync(harness, "$gt", DocValue.MinKey));
        Assert.Equal([0, 1, 2, 3, 4, 5], await MatchesAsync(harness, "$gte", DocValue.MinKey));
        Assert.Equal([0, 1, 2, 3, 5], await MatchesAsync(harness, "$lt", DocValue.MaxKey));
        Assert.Equal([0, 1, 2, 3, 4, 5], await MatchesAsync(harness, "$lte", DocValue.MaxKey));
        Assert.Equal([4], await MatchesAsync(harness, "$gte", DocValue.MaxKey));
        Assert.Empty(await MatchesAsync(harness, "$lt", DocValue.MinKey));
        Assert.Empty(await MatchesAsync(harness, "$gt", DocValue.MaxKey));
    }

    [Fact]
    public async Task NaN_is_neither_above_nor_below_any_number_and_only_gte_and_lte_NaN_match_it()
    {
        var harness = await ValuesAsync(DocValue.FromDouble(double.NaN), DocValue.FromInt32(1), DocValue.FromDouble(double.NegativeInfinity), MixedIds.Decimal("NaN"));

        Assert.Equal([1, 2], await MatchesAsync(harness, "$lt", DocValue.FromInt32(5)));
        Assert.Equal([1], await MatchesAsync(harness, "$gte", DocValue.FromInt32(0)));
        Assert.Equal([0, 3], await MatchesAsync(harness, "$gte", DocValue.FromDouble(double.NaN)));
        Assert.Equal([0, 3], await MatchesAsync(harness, "$lte", MixedIds.Decimal("NaN")));
        Assert.Empty(await MatchesAsync(harness, "$gt", DocValue.FromDouble(double.NaN)));
        Assert.Empty(await MatchesAsync(harness, "$lt", DocValue.FromDouble(double.NaN)));
    }

    private static async Task<CommandHarness> ValuesAsync(params DocValue[] values)
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(
            [.. values.Select((value, index) => D(new Doc().Add("_id", index).Add("v", value)))])));
        return harness;
    }

    private static async Task<List<int>> MatchesAsync(CommandHarness harness, string comparison, DocValue operand)
    {
        var found = await harness.ReadAllAsync(new Doc().Add("find", "c").Add("filter", new Doc().Add("v", new Doc().Add(comparison, operand))));
        return found.ConvertAll(document => document["_id"]!.Int32);
    }
}
