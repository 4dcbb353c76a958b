using Cdc.Sandbox.SchemaRegistry;
using Cdc.Schemas.Avro;

namespace Cdc.Sandbox.Tests.SchemaRegistry;

public sealed class SchemaCompatibilityTests
{
    private const string IntField = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""";
    private const string LongField = """{"type":"record","name":"R","fields":[{"name":"a","type":"long"}]}""";
    private const string AddedWithoutDefault = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}""";
    private const string AddedWithDefault = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int","default":0}]}""";

    [Fact]
    public void None_accepts_anything()
    {
        Assert.Empty(Check(CompatibilityLevel.None, "\"string\"", IntField));
    }

    [Fact]
    public void Backward_lets_the_new_schema_read_the_previous_ones_data()
    {
        Assert.Empty(Check(CompatibilityLevel.Backward, LongField, IntField));
        Assert.Contains("BACKWARD against version 1", Assert.Single(Check(CompatibilityLevel.Backward, IntField, LongField)), StringComparison.Ordinal);
        Assert.Single(Check(CompatibilityLevel.Backward, AddedWithoutDefault, IntField));
    }

    [Fact]
    public void Forward_lets_the_previous_schema_read_the_new_ones_data()
    {
        Assert.Empty(Check(CompatibilityLevel.Forward, IntField, LongField));
        Assert.Contains("FORWARD against version 1", Assert.Single(Check(CompatibilityLevel.Forward, LongField, IntField)), StringComparison.Ordinal);
        Assert.Empty(Check(CompatibilityLevel.Forward, AddedWithoutDefault, IntField));
    }

    [Fact]
    public void Full_needs_both_directions()
    {
        Assert.Empty(Check(CompatibilityLevel.Full, AddedWithDefault, IntField));
        Assert.Single(Check(CompatibilityLevel.Full, LongField, IntField));
        Assert.Single(Check(CompatibilityLevel.Full, AddedWithoutDefault, IntField));
    }

    [Fact]
    public void Non_transitive_levels_check_the_latest_version_only_and_transitive_ones_all()
    {
        // "a" was a string in version 1 and an int in version 2; a long reads version 2's data but not version 1's.
        const string stringField = """{"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""";
        Assert.Empty(Check(CompatibilityLevel.Backward, LongField, stringField, IntField));
        Assert.Contains("version 1", Assert.Single(Check(CompatibilityLevel.BackwardTransitive, LongField, stringField, IntField)), StringComparison.Ordinal);

        Assert.Empty(Check(CompatibilityLevel.Forward, IntField, stringField, LongField));
        Assert.Single(Check(CompatibilityLevel.ForwardTransitive, IntField, stringField, LongField));

        Assert.Empty(Check(CompatibilityLevel.Full, AddedWithDefault, stringField, IntField));
        Assert.Equal(2, Check(CompatibilityLevel.FullTransitive, AddedWithDefault, stringField, IntField).Count);
    }

    [Fact]
    public void A_subject_without_versions_accepts_any_schema()
    {
        Assert.Empty(SchemaCompatibility.Check(CompatibilityLevel.FullTransitive, AvroSchema.Parse(IntField), []));
    }

    [Theory]
    [InlineData("NONE", nameof(CompatibilityLevel.None))]
    [InlineData("backward", nameof(CompatibilityLevel.Backward))]
    [InlineData("BACKWARD_TRANSITIVE", nameof(CompatibilityLevel.BackwardTransitive))]
    [InlineData("FORWARD", nameof(CompatibilityLevel.Forward))]
    [InlineData("FORWARD_TRANSITIVE", nameof(CompatibilityLevel.ForwardTransitive))]
    [InlineData("FULL", nameof(CompatibilityLevel.Full))]
    [InlineData("FULL_TRANSITIVE", nameof(CompatibilityLevel.FullTransitive))]
    public void Level_names_round_trip(string name, string member)
    {
        var level = Enum.Parse<CompatibilityLevel>(member);
        Assert.True(CompatibilityLevelNames.TryParse(name, out var parsed));
        Assert.Equal(level, parsed);
        Assert.Equal(name.ToUpperInvariant(), CompatibilityLevelNames.Format(level));
    }

    [Theory]
    [InlineData("SIDEWAYS")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_level_names_are_refused(string? name) =>
        Assert.False(CompatibilityLevelNames.TryParse(name, out _));

    /// <summary>Checks <paramref name="candidate"/> against versions 1, 2… given oldest first.</summary>
    private static IReadOnlyList<string> Check(CompatibilityLevel level, string candidate, params string[] existing)
    {
        var versions = new List<(int, AvroSchema)>();
        for (var i = 0; i < existing.Length; i++)
        {
            versions.Add((i + 1, AvroSchema.Parse(existing[i])));
        }

        return SchemaCompatibility.Check(level, AvroSchema.Parse(candidate), versions);
    }
}
