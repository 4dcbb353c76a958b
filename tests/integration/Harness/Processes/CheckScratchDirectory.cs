namespace Cdc.Integration.Tests;

/// <summary>A fresh directory for one `cdc check` test (its configuration and checkpoint), removed with its content.</summary>
internal sealed class CheckScratchDirectory : IDisposable
{
    public CheckScratchDirectory() =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cdc-it", "check-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail the test.
        }
    }
}
