using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>buildInfo: reports 6.0, the release whose wire version (17) hello advertises, marked as the sandbox.</summary>
internal sealed class BuildInfoCommand : ICommandHandler
{
    public const string Version = "6.0.0-cdc-sandbox";

    public IReadOnlyList<string> Names { get; } = ["buildInfo", "buildinfo"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context) => ValueTask.FromResult(new Doc()
        .Add("version", Version)
        .Add("gitVersion", "cdc-sandbox")
        .Add("versionArray", DocValue.FromArray([DocValue.FromInt32(6), DocValue.FromInt32(0), DocValue.FromInt32(0), DocValue.FromInt32(0)]))
        .Add("bits", 64)
        .Add("debug", false)
        .Add("maxBsonObjectSize", Wire.WireLimits.MaxBsonObjectSize)
        .Add("storageEngines", DocValue.FromArray([DocValue.FromString("cdc-sandbox-in-memory")])));
}
