using System.Security.Cryptography;

namespace Cdc.Sandbox.Security;

/// <summary>Credentials a sandbox started with `--auth` makes up at start and prints in its ready line.</summary>
internal static class SandboxCredentials
{
    public const string User = "cdc-sandbox";

    /// <summary>"cdc-sandbox:&lt;32 random hex digits&gt;": new each start, so nothing can depend on a fixed secret.</summary>
    public static string NewBasicAuth() => User + ":" + NewPassword();

    /// <summary>32 random hex digits: safe in a URI's user info without escaping.</summary>
    public static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
