using Cdc.Cli.Check;
using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Cdc.Connector.MongoDb;
using Cdc.Connector.Source;

namespace Cdc.Cli;

/// <summary>
/// `cdc check [--config FILE] [--set key=value]… [--json] [--timeout SECONDS]`: validates the configuration exactly as
/// `cdc run` does (a problem is reported and nothing is contacted), then checks every endpoint, one line per check.
/// Exit 0 when nothing failed, 1 on any failure, 2 on wrong usage.
/// </summary>
internal static class CheckCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, ConfigurationLoader.ProcessEnvironment(), TimeProvider.System);

    internal static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string> environment, TimeProvider time)
    {
        var arguments = CheckArguments.Parse(args, out var usageError);
        if (arguments is null)
        {
            stderr.WriteLine($"cdc check: {usageError}");
            stderr.Write(CheckArguments.Usage);
            return ExitCodes.Usage;
        }

        if (arguments.Help)
        {
            stdout.Write(CheckArguments.Usage);
            return ExitCodes.Success;
        }

        CdcOptions options;
        try
        {
            options = Validate(arguments, environment);
        }
        catch (ConfigurationException ex)
        {
            // No options means no secrets to know of; the loader's problems never show a secret's value anyway.
            var failed = new CheckReport(stdout, arguments.Json, new SecretScrubber([]));
            foreach (var problem in ex.Problems)
            {
                failed.Add(CheckResult.Fail(CheckAreas.Configuration, string.Empty, problem, "correct the key named above; nothing was contacted"));
            }

            failed.Complete();
            Summarise(failed, stderr);
            return ExitCodes.Failure;
        }

        var report = new CheckReport(stdout, arguments.Json, SecretScrubber.From(options));
        report.Add(CheckResult.Pass(CheckAreas.Configuration, "valid", Describe(arguments, options)));
        CheckRunner.Run(options, report, arguments.Timeout ?? CheckRunner.DefaultLimit, time);
        report.Complete();
        Summarise(report, stderr);
        return report.Ok ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// What `cdc run` checks before it starts (<see cref="ConfigurationLoader"/>, the run requirements, the mapping),
    /// plus what it would only find when wiring up: the change stream's pipeline and options, and the producer settings.
    /// </summary>
    private static CdcOptions Validate(CheckArguments arguments, IReadOnlyDictionary<string, string> environment)
    {
        var options = ConfigurationLoader.LoadForRun(arguments.ConfigPath, arguments.SetArguments, environment);
        _ = MappingOptionsFactory.Create(options);

        // The scope's names and the pipeline's Extended JSON, as the source will read them when it opens.
        _ = WatchTarget.From(options.MongoDb);
        _ = ChangeStreamOptionsFactory.Pipeline(ChangeStreamPipeline.Build(options.MongoDb));

        _ = ProducerConfigBuilder.Build(options.Kafka, options.Pipeline.MaxInFlightEvents);
        return options;
    }

    private static string Describe(CheckArguments arguments, CdcOptions options)
    {
        var target = WatchTarget.From(options.MongoDb);
        var scope = target.IsCluster ? "cluster" : target.Description;
        var source = arguments.ConfigPath is null ? "environment and --set" : arguments.ConfigPath;
        return $"{source}: pipeline '{options.Pipeline.Name}', {scope} stream, checkpoint store {ConfigurationSchema.WordOf(options.Checkpoint.Store)}";
    }

    private static void Summarise(CheckReport report, TextWriter stderr)
    {
        var passed = report.Results.Count(r => r.Status == CheckStatus.Pass);
        var warned = report.Results.Count(r => r.Status == CheckStatus.Warn);
        var failed = report.Results.Count(r => r.Status == CheckStatus.Fail);
        stderr.WriteLine($"cdc check: {passed} passed, {warned} warning(s), {failed} failed");
    }
}
