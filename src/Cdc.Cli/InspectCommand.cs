using System.Buffers;
using Cdc.Connector.Configuration;
using Cdc.Connector.Mapping;
using Cdc.Connector.Sink;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;
using Cdc.Schemas.Mapping;

namespace Cdc.Cli;

/// <summary>
/// `cdc inspect [--config FILE] [--set key=value]… FILE|-`: maps one change event with the same code and settings as
/// `cdc run`, without any network, and prints what Kafka would receive as one indented JSON object, with what `cdc run`
/// does with it (<see cref="InspectVerdict"/>): publish, skip, dead-letter, reference or stop. Exit 1 when `cdc run` would stop at it.
/// </summary>
internal static class InspectCommand
{
    /// <returns>The process exit code.</returns>
    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdin, stdout, stderr, ConfigurationLoader.ProcessEnvironment());

    internal static int Run(
        IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string> environment)
    {
        var arguments = InspectArguments.Parse(args, out var usageError);
        if (arguments is null)
        {
            stderr.WriteLine($"cdc inspect: {usageError}");
            stderr.Write(InspectArguments.Usage);
            return ExitCodes.Usage;
        }

        if (arguments.Help)
        {
            stdout.Write(InspectArguments.Usage);
            return ExitCodes.Success;
        }

        try
        {
            var configuration = ConfigurationLoader.Load(arguments.ConfigPath, arguments.SetArguments, environment);
            var options = MappingOptionsFactory.Create(configuration);
            var eventBson = SnapshotRowInput.ToEvent(ParseEvent(ReadInput(arguments.Input, stdin)));
            var mapper = new ChangeEventMapper(options);
            var key = new ArrayBufferWriter<byte>();
            var value = new ArrayBufferWriter<byte>();
            MappedEvent mapped;
            AvroSchema valueSchema;
            string? valueSchemaSource = null;
            if (options.Value == ValueFormat.Document)
            {
                mapped = mapper.MapForTypedValue(eventBson, key, out var parts);
                (valueSchema, valueSchemaSource) = mapped.Skipped ? (mapped.ValueSchema, null) : InspectTypedValue.Write(mapped.Route, options, in parts, value);
            }
            else
            {
                mapped = mapper.Map(eventBson, key, value);
                valueSchema = mapped.ValueSchema;
            }

            var verdict = InspectVerdict.Of(
                eventBson,
                mapped,
                key.WrittenCount,
                value.WrittenCount,
                configuration,
                messageMaxBytes => mapper.MapReferencing(eventBson, (k, v, omitted) => RecordSize.FitsWithOmittedHeader(messageMaxBytes, k, v, omitted)));

            // With mapping.oversize=reference the record `cdc run` publishes is the one with bodies replaced: show that one.
            var report = verdict.Referenced is { } referenced
                ? InspectReport.Write(mapped, referenced.Key, referenced.Value, valueSchema, valueSchemaSource, options, configuration.Mapping.Oversize, verdict)
                : InspectReport.Write(mapped, key.WrittenSpan, value.WrittenSpan, valueSchema, valueSchemaSource, options, configuration.Mapping.Oversize, verdict);
            stdout.WriteLine(report);
            if (verdict.Action == InspectAction.Stop)
            {
                // What `cdc run` would print when it stops there, so a script sees the failure in the exit code.
                stderr.WriteLine($"cdc inspect: `cdc run` would stop at this event: {verdict.Reason} — fix: {verdict.Fix}");
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is ConfigurationException or InspectInputException or ChangeEventMappingException or TopicCollisionException or AvroException)
        {
            var prefix = ex switch
            {
                ConfigurationException => "configuration: ",
                ChangeEventMappingException => string.Empty,
                AvroException => "Avro decoding failed: ",
                _ => string.Empty,
            };
            stderr.WriteLine($"cdc inspect: {prefix}{ex.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failure;
        }
    }

    private static string ReadInput(string input, TextReader stdin)
    {
        if (input == "-")
        {
            return stdin.ReadToEnd();
        }

        try
        {
            return File.ReadAllText(input);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InspectInputException($"cannot read '{input}': {ex.Message}", ex);
        }
    }

    private static byte[] ParseEvent(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new InspectInputException("the input is empty; expected one change event as Extended JSON.");
        }

        try
        {
            return ExtendedJsonParser.ParseDocument(json);
        }
        catch (Exception ex) when (ex is ExtendedJsonException or BsonFormatException)
        {
            throw new InspectInputException($"the input is not a valid Extended JSON document: {ex.Message}", ex);
        }
    }
}
