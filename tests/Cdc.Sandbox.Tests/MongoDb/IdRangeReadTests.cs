using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>
/// Range reads on <c>_id</c> walk the <c>_id</c> order from their bound instead of filtering and sorting everything;
/// whatever the types involved, they must select exactly what filtering every document would.
/// </summary>
public sealed class IdRangeReadTests
{
    private static readonly string[] RangeOperators = ["$gt", "$gte", "$lt", "$lte", "$eq"];

    [Fact]
    public async Task Every_id_range_selects_exactly_what_filtering_every_document_selects_across_type_brackets()
    {
        var harness = await MixedCollectionAsync();
        var documents = harness.Catalog.Find("test", "mixed")!.Snapshot;
        var filters = new List<Doc>();
        foreach (var operand in MixedIds.Operands())
        {
            filters.Add(new Doc().Add("_id", operand));
            filters.Add(new Doc().Add("_id", new Doc().Add("$gte", operand)).Add("tag", 0));
            foreach (var name in RangeOperators)
            {
                filters.Add(new Doc().Add("_id", new Doc().Add(name, operand)));
            }

            foreach (var upper in MixedIds.Operands())
            {
                filters.Add(new Doc().Add("_id", new Doc().Add("$gt", operand).Add("$lte", upper)));
                filters.Add(new Doc().Add("_id", new Doc().Add("$gte", operand).Add("$lt", upper)));
                filters.Add(new Doc().Add("_id", new Doc().Add("$gt", operand)).Add("_id", new Doc().Add("$lt", upper)));
            }
        }

        foreach (var filter in filters)
        {
            var everything = documents.Where(document => FilterMatcher.Matches(document, filter)).ToList();
            foreach (var (sort, expected) in new (Doc?, List<Doc>)[]
            {
                (null, everything),
                (new Doc().Add("_id", 1), everything),
                (new Doc().Add("_id", -1), Enumerable.Reverse(everything).ToList()),
            })
            {
                var selected = DocumentSelection.Select(documents, filter, sort is null ? null : new SortSpecification(sort), 0, 0).ToList();
                Assert.True(
                    expected.SequenceEqual(selected),
                    $"filter {filter} sort {sort}: expected [{string.Join(", ", expected.Select(Id))}], got [{string.Join(", ", selected.Select(Id))}]");
            }
        }
    }

    [Fact]
    public async Task An_id_range_reads_no_document_outside_its_matches_except_NaN_and_the_unbounding_MinKey_and_MaxKey()
    {
        var harness = await MixedCollectionAsync();
        var documents = harness.Catalog.Find("test", "mixed")!.Snapshot;
        foreach (var operand in MixedIds.Operands())
        {
            foreach (var name in RangeOperators)
            {
                if ((operand.Type == Schemas.Bson.BsonType.MinKey && name is "$gt" or "$gte") || (operand.Type == Schemas.Bson.BsonType.MaxKey && name is "$lt" or "$lte"))
                {
                    continue;
                }

                // NaN sorts first among numbers but compares to nothing but NaN, so a numeric range holds it for the filter to drop.
                var filter = new Doc().Add("_id", new Doc().Add(name, operand));
                var candidates = CandidateDocuments.For(documents, filter, descending: false).Where(document => !IsNaN(document)).ToList();
                var matches = documents.Where(document => FilterMatcher.Matches(document, filter) && !IsNaN(document)).ToList();
                Assert.True(matches.SequenceEqual(candidates), $"{filter}: read [{string.Join(", ", candidates.Select(Id))}] for matches [{string.Join(", ", matches.Select(Id))}]");
            }
        }
    }

    [Fact]
    public async Task Comparison_operators_on_id_match_only_their_type_bracket_with_MinKey_and_MaxKey_bounding_all()
    {
        var harness = await MixedCollectionAsync();

        Assert.Equal(["Int32:7", "Double:7.5", "Int64:8", "Int32:10", "Int64:5000000000", "Double:Infinity"], await IdsAsync(harness, new Doc().Add("$gt", 5)));
        Assert.Equal(["String:\"a\"", "String:\"ab\""], await IdsAsync(harness, new Doc().Add("$gte", "a").Add("$lt", "b")));
        Assert.Equal(["ObjectId:ObjectId('650000000000000000000002')", "ObjectId:ObjectId('650000000000000000000003')"], await IdsAsync(harness, new Doc().Add("$gt", MixedIds.ObjectId(1))));
        Assert.Equal(MixedIds.Ids().Count - 1, (await IdsAsync(harness, new Doc().Add("$gt", DocValue.MinKey))).Count);
        Assert.Equal(MixedIds.Ids().Count, (await IdsAsync(harness, new Doc().Add("$lte", DocValue.MaxKey))).Count);
        Assert.Equal(["MaxKey:MaxKey"], await IdsAsync(harness, new Doc().Add("$gte", DocValue.MaxKey)));
        Assert.Empty(await IdsAsync(harness, new Doc().Add("$lt", DocValue.MinKey)));
        Assert.Equal(["Double:NaN"], await IdsAsync(harness, new Doc().Add("$lte", double.NaN)));
        Assert.DoesNotContain("Double:NaN", await IdsAsync(harness, new Doc().Add("$lt", 0)));
    }

    [Fact]
    public async Task Find_by_id_range_in_batches_with_skip_and_limit_returns_what_filtering_and_sorting_everything_returns()
    {
        var harness = await MixedCollectionAsync();
        var documents = harness.Catalog.Find("test", "mixed")!.Snapshot;
        foreach (var operand in MixedIds.Operands())
        {
            foreach (var direction in (int[])[1, -1])
            {
                foreach (var (skip, limit) in new (int, int)[] { (0, 0), (1, 0), (0, 2), (2, 3) })
                {
                    var filter = new Doc().Add("_id", new Doc().Add("$gte", operand));
                    var expected = documents.Where(document => FilterMatcher.Matches(document, filter)).ToList();
                    expected = (direction < 0 ? Enumerable.Reverse(expected) : expected).Skip(skip).Take(limit == 0 ? int.MaxValue : limit).ToList();
                    var find = new Doc().Add("find", "mixed").Add("filter", filter).Add("sort", new Doc().Add("_id", direction))
                        .Add("skip", skip).Add("limit", limit).Add("batchSize", 2).Add("readConcern", new Doc().Add("level", "majority"));
                    var returned = await harness.ReadAllAsync(find);
                    Assert.Equal(expected.Select(Id), returned.Select(Id));
                }
            }
        }
    }

    [Fact]
    public void The_candidates_of_an_id_range_are_the_documents_inside_it_not_the_whole_collection()
    {
        var harness = new CommandHarness();
        using (harness.Catalog.EnterLock())
        {
            var store = harness.Catalog.GetOrCreate("test", "big", Cdc.Sandbox.MongoDb.Storage.SessionInfo.None);
            for (var i = 0; i < 10_000; i++)
            {
                store.TryAdd(new Doc().Add("_id", i));
            }

            store.TryAdd(new Doc().Add("_id", "a string"));
        }

        var documents = harness.Catalog.Find("test", "big")!.Snapshot;
        var candidates = CandidateDocuments.For(documents, new Doc().Add("_id", new Doc().Add("$gt", 9_000).Add("$lte", 9_100L)), descending: false).ToList();
        Assert.Equal(Enumerable.Range(9_001, 100), candidates.Select(document => document["_id"]!.Int32));
        var backwards = CandidateDocuments.For(documents, new Doc().Add("_id", new Doc().Add("$lt", 3.5)), descending: true).ToList();
        Assert.Equal([3, 2, 1, 0], backwards.Select(document => document["_id"]!.Int32));
        Assert.Single(CandidateDocuments.For(documents, new Doc().Add("_id", new Doc().Add("$gte", string.Empty)), descending: false));
    }

    [Fact]
    public async Task Aggregate_with_a_leading_id_range_match_sort_skip_and_limit_returns_what_find_returns()
    {
        var harness = await MixedCollectionAsync();
        var filter = new Doc().Add("_id", new Doc().Add("$gt", -1).Add("$lt", 1_000));
        var find = new Doc().Add("find", "mixed").Add("filter", filter).Add("sort", new Doc().Add("_id", -1)).Add("skip", 1).Add("limit", 4);
        var aggregate = new Doc().Add("aggregate", "mixed").Add("cursor", new Doc().Add("batchSize", 1)).Add("pipeline", Array(
            D(new Doc().Add("$match", filter)),
            D(new Doc().Add("$sort", new Doc().Add("_id", -1))),
            D(new Doc().Add("$skip", 1)),
            D(new Doc().Add("$limit", 4))));
        var expected = await harness.ReadAllAsync(find);
        Assert.Equal(["Int64:8", "Double:7.5", "Int32:7", "Decimal128:4.5"], expected.Select(Id));
        Assert.Equal(expected.Select(Id), (await harness.ReadAllAsync(aggregate)).Select(Id));

        // Stages after the walk run on its result.
        var counted = new Doc().Add("aggregate", "mixed").Add("cursor", new Doc()).Add("pipeline", Array(
            D(new Doc().Add("$match", filter)),
            D(new Doc().Add("$limit", 3)),
            D(new Doc().Add("$count", "n"))));
        Assert.Equal(3, (await harness.ReadAllAsync(counted)).Single()["n"]!.Int32);
    }

    private static async Task<CommandHarness> MixedCollectionAsync()
    {
        var harness = new CommandHarness();
        var ids = MixedIds.Ids();
        var documents = ids.Select((id, index) => D(new Doc().Add("_id", id).Add("tag", index % 2))).ToArray();
        var reply = await harness.RunOkAsync(new Doc().Add("insert", "mixed").Add("documents", Array(documents)));
        Assert.Equal(ids.Count, reply["n"]!.Int32);
        return harness;
    }

    private static async Task<List<string>> IdsAsync(CommandHarness harness, Doc condition) =>
        (await harness.ReadAllAsync(new Doc().Add("find", "mixed").Add("filter", new Doc().Add("_id", condition)).Add("sort", new Doc().Add("_id", 1))))
            .ConvertAll(Id);

    private static bool IsNaN(Doc document) => document["_id"] is { IsNumber: true } id && double.IsNaN(id.ToDouble());

    private static string Id(Doc document) => MixedIds.Show(document["_id"]!);
}
