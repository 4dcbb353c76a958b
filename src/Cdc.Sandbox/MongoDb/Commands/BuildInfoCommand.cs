using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>
/// buildInfo: reports 6.0.9, a release of the wire version (17) hello advertises and the first 6.0 with
/// $changeStreamSplitLargeEvent, which the emulator has; marked as the sandbox. Clients that decide on the version
/// (the connector's mongodb.splitLargeEvents=auto) then see what the emulator does.
/// </summary>
internal sealed class BuildInfoCommand : ICommandHandler
{
    public const string Version = "6.0.9-cdc-sandbox";

    public IReadOnlyList<string> Names { get; } = ["buildInfo", "buildinfo"];

    public ValueTask<Doc> ExecuteAsync(CommandContext context) => ValueTask.FromResult(new Doc()
        .Add("version", Version)
        .Add("gitVersion", "cdc-sandbox")
        .Add("versionArray", DocValue.FromArray([DocValue.FromInt32(6), DocValue.FromInt32(0), DocValue.FromInt32(9), DocValue.FromInt32(0)]))
        .Add("bits", 64)
        .Add("debug", false)
        .Add("maxBsonObjectSize", Wire.WireLimits.MaxBsonObjectSize)
        .Add("storageEngines", DocValue.FromArray([DocValue.FromString("cdc-sandbox-in-memory")])));
}
