namespace Cdc.Connector.Tests.Cli;

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
