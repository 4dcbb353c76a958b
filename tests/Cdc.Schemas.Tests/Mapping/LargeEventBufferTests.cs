using Cdc.Schemas.Mapping;

namespace Cdc.Schemas.Tests.Mapping;

/// <summary>After a very large event the mapper lets go of the scratch buffer it grew, and keeps an ordinary one.</summary>
public sealed class LargeEventBufferTests
{
    [Fact]
    public void A_scratch_buffer_grown_by_a_large_event_is_let_go_and_the_next_event_maps_the_same()
    {
        var mapper = new ChangeEventMapper(new MappingOptions());
        var large = TestEvents.From("insert", e => e["fullDocument"]!["pad"] = new string('a', 12 * 1024 * 1024));
        var small = MappingFixtures.Bson("insert");
        var before = MappingFixtures.Map(mapper, small);

        MappingFixtures.Map(mapper, large);
        Assert.True(mapper.ScratchCapacity > ChangeEventMapper.RetainedScratchBytes, $"the large event grew the scratch buffer to {mapper.ScratchCapacity} only");
        mapper.TrimAfterLargeEvent();

        Assert.True(mapper.ScratchCapacity <= 64 * 1024, $"the scratch buffer kept {mapper.ScratchCapacity} bytes");
        var after = MappingFixtures.Map(mapper, small);
        Assert.Equal(before.Key, after.Key);
        Assert.Equal(before.Value, after.Value);
    }

    [Fact]
    public void An_ordinary_scratch_buffer_is_kept()
    {
        var mapper = new ChangeEventMapper(new MappingOptions());
        MappingFixtures.Map(mapper, MappingFixtures.Bson("insert"));
        var capacity = mapper.ScratchCapacity;

        mapper.TrimAfterLargeEvent();

        Assert.Equal(capacity, mapper.ScratchCapacity);
    }
}
