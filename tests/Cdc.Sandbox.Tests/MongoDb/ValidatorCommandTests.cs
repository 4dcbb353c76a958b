using Cdc.Sandbox.MongoDb.Commands;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;
using static Cdc.Sandbox.Tests.MongoDb.CommandHarness;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>
/// Collection validators (issue 19 reads them to derive typed schemas): create and collMod store them, listCollections
/// returns them in options as a server does, and a collMod is logged as a modify. Documents are not validated.
/// </summary>
public sealed class ValidatorCommandTests
{
    private static Doc Schema() => new Doc().Add("$jsonSchema", new Doc()
        .Add("bsonType", "object")
        .Add("properties", new Doc().Add("total", new Doc().Add("bsonType", "decimal"))));

    [Fact]
    public async Task Create_and_collMod_store_the_validator_and_listCollections_returns_it_as_given()
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("create", "orders").Add("validator", Schema()));

        Assert.Equal(new Doc().Add("validator", Schema()).ToString(), (await OptionsAsync(harness, "orders")).ToString());

        var replaced = new Doc().Add("$and", Array(D(Schema()), D(new Doc().Add("total", new Doc().Add("$exists", true)))));
        await harness.RunOkAsync(new Doc().Add("collMod", "orders").Add("validator", replaced).Add("validationLevel", "moderate"));

        Assert.Equal(new Doc().Add("validator", replaced).Add("validationLevel", "moderate").ToString(), (await OptionsAsync(harness, "orders")).ToString());
        var modify = Assert.Single(harness.Oplog(), entry => entry.Operation == OplogOperation.Modify);
        Assert.Equal(new Doc().Add("validator", replaced).Add("validationLevel", "moderate").ToString(), modify.OperationDescription!.ToString());
    }

    [Theory]
    [InlineData("validator", "nothing", ErrorCodes.TypeMismatch, "collMod: validator must be a document, not \"nothing\"")]
    [InlineData("validationLevel", "lenient", ErrorCodes.BadValue, "collMod: validationLevel must be one of off, strict, moderate, not \"lenient\"")]
    [InlineData("validationAction", "ignore", ErrorCodes.BadValue, "collMod: validationAction must be one of error, warn, errorAndLog, not \"ignore\"")]
    public async Task A_malformed_validator_option_is_refused_with_the_servers_code(string option, string value, int code, string message)
    {
        var harness = new CommandHarness();
        await harness.RunOkAsync(new Doc().Add("create", "orders"));

        var reply = await harness.RunAsync(new Doc().Add("collMod", "orders").Add(option, value));

        Assert.Equal((0.0, code, message), (reply["ok"]!.Double, reply["code"]!.Int32, reply["errmsg"]!.String));
    }

    [Fact]
    public async Task The_Node_driver_creates_modifies_and_lists_validators()
    {
        await using var server = MongoServer.Start();

        var output = await MongoDriverScript.RunAsync(server, "mongo-validators.mjs");

        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);
    }

    private static async Task<Doc> OptionsAsync(CommandHarness harness, string collection)
    {
        var collections = await harness.ReadAllAsync(new Doc().Add("listCollections", 1).Add("filter", new Doc().Add("name", collection)));
        return Assert.Single(collections)["options"]!.Document;
    }
}
