using System.Security.Cryptography;
using System.Text;
using Cdc.Schemas.Avro;

namespace Cdc.Schemas.Tests.Avro;

public sealed class AvroNamesTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("_", true)]
    [InlineData("Order_2", true)]
    [InlineData("_id", true)]
    [InlineData("", false)]
    [InlineData("1x", false)]
    [InlineData("my-db", false)]
    [InlineData("a.b", false)]
    [InlineData("$x", false)]
    [InlineData("café", false)]
    [InlineData("a b", false)]
    public void IsValidName_follows_the_specification(string name, bool valid)
    {
        Assert.Equal(valid, AvroNames.IsValidName(name));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("_id")]
    [InlineData("my_db")]
    public void Sanitize_returns_a_valid_name_unchanged(string name)
    {
        Assert.Same(name, AvroNames.Sanitize(name));
    }

    [Theory]
    [InlineData("my-db", "my_db_")]
    [InlineData("my.db", "my_db_")]
    [InlineData("a.b", "a_b_")]
    [InlineData("$x", "_x_")]
    [InlineData("1x", "_1x_")]
    [InlineData("", "__")]
    [InlineData("café", "caf__")]
    [InlineData("😀", "___")]
    public void Sanitize_replaces_prefixes_and_appends_the_hash_of_the_original(string name, string expectedStem)
    {
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 4));

        var sanitized = AvroNames.Sanitize(name);

        Assert.Equal(expectedStem + expectedHash, sanitized);
        Assert.True(AvroNames.IsValidName(sanitized));
    }

    [Fact]
    public void Sanitize_keeps_names_that_differ_only_in_replaced_characters_apart()
    {
        var names = new[] { "my-db", "my.db", "my_db", "my db", "my$db" };
        var sanitized = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            Assert.True(sanitized.Add(AvroNames.Sanitize(name)), name);
        }
    }

    [Fact]
    public void Sanitize_hash_is_the_documented_stable_value()
    {
        // Pinned against an independent SHA-256 computation of the UTF-8 bytes, and equal for a different string instance.
        var expected = "my_db_" + Convert.ToHexStringLower(SHA256.HashData("my-db"u8.ToArray())[..4]);

        Assert.Equal(expected, AvroNames.Sanitize("my-db"));
        Assert.Equal(AvroNames.Sanitize("my-db"), AvroNames.Sanitize(new string("my-db".AsSpan())));
    }

    [Fact]
    public void Sanitize_gives_distinct_outputs_for_thousands_of_distinct_generated_inputs()
    {
        var random = new Random(20261121);
        string[] alphabet = ["a", "b", "-", ".", "_", "$", " ", "1", "é", "😀"];
        var inputs = new HashSet<string>(StringComparer.Ordinal);
        while (inputs.Count < 5000)
        {
            var length = random.Next(0, 6);
            var builder = new StringBuilder();
            for (var i = 0; i < length; i++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            inputs.Add(builder.ToString());
        }

        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var output = AvroNames.Sanitize(input);
            Assert.True(AvroNames.IsValidName(output), input);
            Assert.True(outputs.TryAdd(output, input), $"'{input}' and '{outputs.GetValueOrDefault(output)}' both gave '{output}'");
            Assert.Equal(output, AvroNames.Sanitize(input));
        }
    }

    [Fact]
    public void Sanitize_handles_long_names_beyond_the_stack_buffer()
    {
        var name = new string('-', 1000);

        var sanitized = AvroNames.Sanitize(name);

        Assert.Equal(1000 + 1 + 8, sanitized.Length);
        Assert.True(AvroNames.IsValidName(sanitized));
    }

    [Fact]
    public void Sanitize_rejects_a_string_that_is_not_valid_unicode()
    {
        // A lone surrogate has no UTF-8 form; replacing it would make "\uD800" and "\uDC00" collide.
        var error = Assert.Throws<AvroException>(() => AvroNames.Sanitize("a\uD800"));

        Assert.Contains("lone surrogate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop.orders", "shop.orders")]
    [InlineData("my-db.orders", null)]
    [InlineData("1db.2coll", null)]
    public void SanitizeNamespace_sanitises_each_part(string dotted, string? expected)
    {
        var sanitized = AvroNames.SanitizeNamespace(dotted);

        Assert.Equal(expected ?? string.Join('.', Array.ConvertAll(dotted.Split('.'), AvroNames.Sanitize)), sanitized);
        Assert.True(AvroNames.IsValidNamespace(sanitized));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    public void SanitizeNamespace_rejects_empty_parts(string dotted)
    {
        var error = Assert.Throws<AvroException>(() => AvroNames.SanitizeNamespace(dotted));

        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }
}
