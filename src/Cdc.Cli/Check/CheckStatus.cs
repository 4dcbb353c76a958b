namespace Cdc.Cli.Check;

/// <summary>The verdict of one check. A warning does not fail `cdc check`; a failure does.</summary>
internal enum CheckStatus
{
    Pass,
    Warn,
    Fail,
}
