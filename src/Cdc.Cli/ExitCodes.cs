namespace Cdc.Cli;

/// <summary>Process exit codes, shared by every verb so scripts can tell "wrong usage" from "failed".</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something went wrong while doing the work (bad configuration, bad input, an endpoint down).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong, or the verb is not available in this build.</summary>
    public const int Usage = 2;

    /// <summary>`cdc tail` read to its end (--max, a signal), but at least one record could not be decoded (each was reported).</summary>
    public const int RecordsNotDecoded = 3;
}
