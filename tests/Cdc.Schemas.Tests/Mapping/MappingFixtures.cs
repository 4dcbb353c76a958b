using System.Buffers;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;
using Cdc.Tests.Shared;

namespace Cdc.Schemas.Tests.Mapping;

/// <summary>The change event fixtures (Extended JSON, shaped as the server sends them) and a helper to map them.</summary>
internal static class MappingFixtures
{
    public static string Directory => Path.Combine(RepositoryRoot.Path, "tests", "Cdc.Schemas.Tests", "Mapping", "Fixtures");

    public static IReadOnlyList<string> Names =>
        [.. System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).OfType<string>()];

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name + ".json"));

    public static byte[] Bson(string name) => ExtendedJsonParser.ParseDocument(Text(name));

    public static MappedOutput Map(ChangeEventMapper mapper, ReadOnlySpan<byte> eventBson)
    {
        var key = new ArrayBufferWriter<byte>();
        var value = new ArrayBufferWriter<byte>();
        var mapped = mapper.Map(eventBson, key, value);
        return new MappedOutput(mapped, key.WrittenSpan.ToArray(), value.WrittenSpan.ToArray());
    }
}
