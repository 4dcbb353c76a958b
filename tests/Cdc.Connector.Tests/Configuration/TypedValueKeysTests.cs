using System.Text.Json;
using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Tests.Configuration;

/// <summary>Issue 19: mapping.value and mapping.schemas load, and each declared .avsc file is read and parsed at start-up.</summary>
public sealed class TypedValueKeysTests : IDisposable
{
    private const string OrdersSchema = """
        {"type": "record", "name": "Order", "namespace": "shop", "fields": [
          {"name": "_id", "type": ["null", {"type": "string", "mongodb.type": "objectId"}], "default": null},
          {"name": "total", "type": ["null", {"type": "string", "mongodb.type": "decimal128"}], "default": null}]}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("cdc-avsc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_declared_avsc_file_is_loaded_as_the_record_of_its_namespace()
    {
        var file = Write("orders.avsc", OrdersSchema);

        var options = Load.FromJson($$"""
            { "mongodb": { "fullDocument": "updateLookup" },
              "mapping": { "value": "document", "schemas": { "shop.orders": {{JsonSerializer.Serialize(file)}} } } }
            """);

        Assert.Equal(ValueFormat.Document, options.Mapping.Value);
        var record = Assert.Single(options.Mapping.DeclaredSchemas);
        Assert.Equal("shop.orders", record.Key);
        Assert.Equal(AvroSchema.Parse(OrdersSchema).ToJson(), record.Value.ToJson());
        var mapping = MappingOptionsFactory.Create(options);
        Assert.Equal(ValueFormat.Document, mapping.Value);
        Assert.Same(record.Value, mapping.DeclaredSchemas["shop.orders"]);
    }

    [Fact]
    public void A_relative_path_starts_at_the_working_directory()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Write("orders.avsc", OrdersSchema));
        Assert.False(Path.IsPathRooted(relative));

        var options = Load.FromEnvironment(
            ("CDC__MAPPING__VALUE", "document"), ("CDC__MONGODB__FULLDOCUMENT", "whenAvailable"), ("CDC__MAPPING__SCHEMAS__shop__orders", relative));

        Assert.Equal("shop.Order", options.Mapping.DeclaredSchemas["shop.orders"].FullName);
    }

    [Fact]
    public void Every_declared_file_is_checked_in_the_same_pass()
    {
        var good = Write("orders.avsc", OrdersSchema);
        var array = Write("customers.avsc", """{"type": "array", "items": "string"}""");

        var problems = Load.ProblemsFromSets(
            "mapping.value=document", "mongodb.fullDocument=required", $"mapping.schemas.shop.orders={good}", $"mapping.schemas.shop.customers={array}", "mapping.schemas.shop.payments=/nonexistent/payments.avsc");

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, problem => problem.StartsWith("'mapping.schemas.shop.customers' names the file", StringComparison.Ordinal) && problem.Contains("whose schema is an array, not a record", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("'mapping.schemas.shop.payments' names the file '/nonexistent/payments.avsc', which does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void The_effective_configuration_shows_the_value_format_and_the_schema_paths()
    {
        var file = Write("orders.avsc", OrdersSchema);
        var options = Load.FromSets("mapping.value=document", "mongodb.fullDocument=updateLookup", $"mapping.schemas.shop.orders={file}");

        using var printed = JsonDocument.Parse(EffectiveConfiguration.ToJson(options));

        var mapping = printed.RootElement.GetProperty("mapping");
        Assert.Equal("document", mapping.GetProperty("value").GetString());
        Assert.Equal(file, mapping.GetProperty("schemas").GetProperty("shop.orders").GetString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
