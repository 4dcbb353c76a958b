using Cdc.Bench;
using Cdc.Bench.Transcode;

string[] known = ["transcode"];
var arguments = BenchArguments.Parse(args, known, out var error);
if (arguments is null)
{
    Console.Error.WriteLine($"Cdc.Bench: {error}");
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}

foreach (var name in arguments.Names)
{
    var result = name switch
    {
        "transcode" => TranscodeBenchmark.Run(arguments.Events, arguments.JsonOnly ? TextWriter.Null : Console.Error),
        _ => throw new InvalidOperationException(name),
    };
    Console.Out.WriteLine(result.ToJsonLine());
}

return 0;
