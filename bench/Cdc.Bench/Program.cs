using Cdc.Bench;
using Cdc.Bench.CatchUp;
using Cdc.Bench.LiveView;
using Cdc.Bench.ChangeStream;
using Cdc.Bench.Configuration;
using Cdc.Bench.EndToEnd;
using Cdc.Bench.Peer;
using Cdc.Bench.Pipeline;
using Cdc.Bench.Snapshot;
using Cdc.Bench.Transcode;

string[] known = ["transcode", "changestream", "pipeline", "e2e", "catchup", "config", "snapshot", "liveview", "peer"];
var arguments = BenchArguments.Parse(args, known, out var error);
if (arguments is null)
{
    Console.Error.WriteLine($"Cdc.Bench: {error}");
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}

var log = arguments.JsonOnly ? TextWriter.Null : Console.Error;
foreach (var name in arguments.Names)
{
    var line = name switch
    {
        "transcode" => TranscodeBenchmark.Run(arguments.Events ?? TranscodeBenchmark.DefaultEvents, log).ToJsonLine(),
        "changestream" => (await ChangeStreamBenchmark.RunAsync(arguments.Events ?? ChangeStreamBenchmark.DefaultEvents, log).ConfigureAwait(false)).ToJsonLine(),
        "pipeline" => (await PipelineBenchmark.RunAsync(arguments.Events ?? PipelineBenchmark.DefaultEvents, log).ConfigureAwait(false)).ToJsonLine(),
        "e2e" => (await EndToEndBenchmark.RunAsync(arguments.Events ?? EndToEndBenchmark.DefaultEvents, arguments.OutageSeconds ?? EndToEndBenchmark.DefaultOutageSeconds, arguments.Settings, log).ConfigureAwait(false)).ToJsonLine(),
        "catchup" => (await CatchUpBenchmark.RunAsync(arguments.Events ?? CatchUpBenchmark.DefaultEvents, arguments.Cdc, log).ConfigureAwait(false)).ToJsonLine(),
        "liveview" => await LiveViewBenchmark.RunAsync(arguments.Events ?? LiveViewBenchmark.DefaultEvents, log).ConfigureAwait(false),
        "peer" => (await PeerBenchmark.RunAsync(arguments.Events ?? PeerBenchmark.DefaultEvents, log).ConfigureAwait(false)).ToJsonLine(),
        "config" => ConfigurationBenchmark.Run(arguments.Events ?? ConfigurationBenchmark.DefaultValidations, log).ToJsonLine(),
        "snapshot" => (await SnapshotBenchmark.RunAsync(
            arguments.Documents ?? SnapshotBenchmark.DefaultDocuments,
            arguments.ChunkSize ?? SnapshotBenchmark.DefaultChunkSize,
            arguments.Parallelism ?? SnapshotBenchmark.DefaultParallelism,
            arguments.Cdc,
            log).ConfigureAwait(false)).ToJsonLine(),
        _ => throw new InvalidOperationException(name),
    };
    Console.Out.WriteLine(line);
}

return 0;
