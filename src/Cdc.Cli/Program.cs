using Cdc.Cli;

return CliApplication.Run(
    args,
    Console.In,
    Console.Out,
    Console.Error,
    showStackTraces: Environment.GetEnvironmentVariable("CDC_DEBUG") == "1");
