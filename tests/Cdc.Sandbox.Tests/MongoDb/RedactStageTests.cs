using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Query;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>$redact as the manual describes it, evaluated level by level with $$KEEP, $$PRUNE and $$DESCEND.</summary>
public sealed class RedactStageTests
{
    // { $cond: { if: { $eq: ["$level", "secret"] }, then: "$$PRUNE", else: "$$DESCEND" } }
    private static readonly Doc PruneSecret = Cond(new Doc().Add("$eq", Array(S("$level"), S("secret"))), "$$PRUNE", "$$DESCEND");

    [Fact]
    public void Descend_keeps_the_fields_of_a_level_and_prunes_each_sub_document_by_its_own_fields()
    {
        var document = new Doc().Add("_id", 1).Add("level", "public")
            .Add("card", new Doc().Add("level", "secret").Add("number", "4111"))
            .Add("name", new Doc().Add("level", "public").Add("first", "Ada"));

        var redacted = Redact(PruneSecret, document);

        Assert.Equal("{ _id: 1, level: \"public\", name: { level: \"public\", first: \"Ada\" } }", redacted?.ToString());
    }

    [Fact]
    public void Pruning_the_top_level_drops_the_whole_document()
    {
        Assert.Null(Redact(PruneSecret, new Doc().Add("_id", 1).Add("level", "secret").Add("inner", new Doc().Add("level", "public"))));
    }

    [Fact]
    public void Keep_returns_the_level_as_it_is_without_evaluating_the_documents_below_it()
    {
        // Keep a level marked open, else prune secrets and descend.
        var expression = Cond(new Doc().Add("$eq", Array(S("$open"), DocValue.True)), S("$$KEEP"), D(PruneSecret));
        var document = new Doc().Add("_id", 1)
            .Add("kept", new Doc().Add("open", true).Add("hidden", new Doc().Add("level", "secret")))
            .Add("walked", new Doc().Add("hidden", new Doc().Add("level", "secret")));

        var redacted = Redact(expression, document);

        Assert.Equal("{ _id: 1, kept: { open: true, hidden: { level: \"secret\" } }, walked: { } }", redacted?.ToString());
    }

    [Fact]
    public void Descend_evaluates_documents_inside_arrays_and_nested_arrays_and_keeps_their_scalars()
    {
        var document = new Doc().Add("_id", 1).Add("items", Array(
            D(new Doc().Add("level", "secret").Add("n", 1)),
            D(new Doc().Add("level", "public").Add("n", 2)),
            I(3),
            Array(D(new Doc().Add("level", "secret")), D(new Doc().Add("n", 4)))));

        var redacted = Redact(PruneSecret, document);

        Assert.Equal("{ _id: 1, items: [ { level: \"public\", n: 2 }, 3, [ { n: 4 } ] ] }", redacted?.ToString());
    }

    [Fact]
    public void Root_is_the_whole_document_at_every_level_and_current_the_level_evaluated()
    {
        // Keep only the sub-documents owned by the document's owner.
        var expression = Cond(
            new Doc().Add("$or", Array(
                D(new Doc().Add("$eq", Array(S("$$CURRENT.owner"), S("$$ROOT.owner")))),
                D(new Doc().Add("$eq", Array(S("$owner"), DocValue.Null))))),
            "$$DESCEND",
            "$$PRUNE");
        var document = new Doc().Add("_id", 1).Add("owner", "ada")
            .Add("mine", new Doc().Add("owner", "ada"))
            .Add("theirs", new Doc().Add("owner", "bob"))
            .Add("unowned", new Doc().Add("x", 1));

        var redacted = Redact(expression, document);

        // A missing owner is not null to $eq, so the unowned sub-document is pruned too.
        Assert.Equal("{ _id: 1, owner: \"ada\", mine: { owner: \"ada\" } }", redacted?.ToString());
    }

    [Fact]
    public void A_result_other_than_the_three_variables_fails_with_17053_naming_it()
    {
        var text = Assert.Throws<CommandException>(() => Redact(S("keep it"), new Doc().Add("_id", 1)));
        Assert.Equal(17053, text.Code);
        Assert.Equal(
            "$redact's expression should not return anything aside from the variables $$KEEP, $$DESCEND, and $$PRUNE, but returned \"keep it\"",
            text.Message);

        var missing = Assert.Throws<CommandException>(() => Redact(S("$nothing"), new Doc().Add("_id", 1)));
        Assert.EndsWith("but returned MISSING", missing.Message, StringComparison.Ordinal);

        // Only levels that are reached are evaluated: the bad result comes from the sub-document.
        var nested = Cond(new Doc().Add("$eq", Array(S("$_id"), I(1))), S("$$DESCEND"), I(0));
        var deep = Assert.Throws<CommandException>(() => Redact(D(nested), new Doc().Add("_id", 1).Add("sub", new Doc())));
        Assert.EndsWith("but returned 0", deep.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_expression_fails_when_the_stage_is_built_with_the_servers_codes()
    {
        Assert.Equal(17081, Assert.Throws<CommandException>(() => new RedactStage(D(new Doc().Add("$cond", new Doc().Add("if", true).Add("else", "$$PRUNE"))))).Code);
        Assert.Equal(16020, Assert.Throws<CommandException>(() => new RedactStage(D(new Doc().Add("$eq", Array(I(1)))))).Code);
        Assert.Equal(17276, Assert.Throws<CommandException>(() => new RedactStage(S("$$nope"))).Code);
        Assert.Equal(15983, Assert.Throws<CommandException>(() => new RedactStage(D(new Doc().Add("$eq", Array(I(1), I(1))).Add("$ne", Array(I(1), I(2)))))).Code);
        var unknown = Assert.Throws<CommandException>(() => new RedactStage(D(new Doc().Add("$sqrt", 4))));
        Assert.Equal(168, unknown.Code);
        Assert.Equal("InvalidPipelineOperator", unknown.CodeName);
        Assert.Contains("not emulated", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aggregate_over_a_collection_redacts_and_drops_pruned_documents()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("insert", "c").Add("documents", Array(
            D(new Doc().Add("_id", 1).Add("level", "public").Add("tags", Array(D(new Doc().Add("level", "secret")), D(new Doc().Add("t", "a"))))),
            D(new Doc().Add("_id", 2).Add("level", "secret")))));

        var documents = await harness.ReadAllAsync(new Doc().Add("aggregate", "c")
            .Add("pipeline", Array(D(new Doc().Add("$redact", PruneSecret))))
            .Add("cursor", new Doc()));

        Assert.Equal(["{ _id: 1, level: \"public\", tags: [ { t: \"a\" } ] }"], documents.ConvertAll(document => document.ToString()));
        var stored = await harness.ReadAllAsync(new Doc().Add("find", "c").Add("filter", new Doc().Add("_id", 1)));
        Assert.Equal(2, stored[0]["tags"]!.Array.Count); // the stage redacts what it returns, never the stored document
    }

    private static Doc? Redact(DocValue expression, Doc document) => new RedactStage(expression).Apply(document);

    private static Doc? Redact(Doc expression, Doc document) => Redact(D(expression), document);

    private static Doc Cond(Doc condition, DocValue then, DocValue otherwise) =>
        new Doc().Add("$cond", new Doc().Add("if", condition).Add("then", then).Add("else", otherwise));

    private static Doc Cond(Doc condition, string then, string otherwise) => Cond(condition, S(then), S(otherwise));
}
