namespace Cdc.Connector.Tests.Deployment;

/// <summary>
/// Debian's library package naming (Debian Policy 8.1): the package shipping <c>libfoo.so.N</c> is <c>libfooN</c>, with a
/// hyphen before N when the name ends in a digit (<c>libsasl2.so.2</c> is in <c>libsasl2-2</c>). Ubuntu 24.04
/// and Debian 13 renamed many of them with a <c>t64</c> suffix for the 64-bit time_t transition.
/// </summary>
internal static class DebianPackageNames
{
    public static string ForSoname(string soname)
    {
        var marker = soname.LastIndexOf(".so.", StringComparison.Ordinal);
        if (marker <= 0)
        {
            throw new ArgumentException($"'{soname}' is not a versioned soname (libname.so.N).", nameof(soname));
        }

        var name = soname[..marker];
        var version = soname[(marker + ".so.".Length)..];
        return char.IsAsciiDigit(name[^1]) ? $"{name}-{version}" : name + version;
    }

    /// <summary>True when <paramref name="package"/> is the soname's package, with or without the t64 rename.</summary>
    public static bool Ships(string package, string soname)
    {
        var expected = ForSoname(soname);
        return string.Equals(package, expected, StringComparison.Ordinal)
            || string.Equals(package, expected + "t64", StringComparison.Ordinal);
    }
}
