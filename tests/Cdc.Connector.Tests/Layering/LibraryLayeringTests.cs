using Cdc.Cli;
using Cdc.Connector.Configuration;
using Cdc.Demo;
using Cdc.Sandbox.Host;
using Cdc.Tests.Shared;

namespace Cdc.Connector.Tests.Layering;

/// <summary>
/// The connector library (src/Cdc.Connector) stands on Cdc.Schemas alone. The sandbox is a test emulator, and the demo
/// and the `cdc` program (src/Cdc.Demo, src/Cdc.Cli) are built on the library: a reference from the library to any of
/// them would put the emulator in the product or let the data path reach into the command line. The compiler keeps
/// the layers apart only while the project files do; these tests keep the project files so.
/// </summary>
public sealed class LibraryLayeringTests
{
    private const string LibraryProject = "src/Cdc.Connector/Cdc.Connector.csproj";
    private const string SchemasProject = "src/Cdc.Schemas/Cdc.Schemas.csproj";

    private const string Fix =
        "the connector library must not depend on the sandbox, the demo or the program: move the code that needs it to " +
        "src/Cdc.Cli or src/Cdc.Demo, or pass what it needs in from there.";

    [Fact]
    public void The_connector_library_is_compiled_against_neither_the_sandbox_nor_the_demo_nor_the_program()
    {
        var library = typeof(CdcOptions).Assembly;
        var referenced = library.GetReferencedAssemblies().Select(a => a.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Equal("Cdc.Connector", library.GetName().Name);
        foreach (var above in new[] { typeof(SandboxHost), typeof(DemoSession), typeof(CliApplication) }.Select(t => t.Assembly.GetName().Name))
        {
            Assert.False(referenced.Contains(above), $"{LibraryProject} is compiled against {above}: {Fix}");
        }
    }

    [Fact]
    public void The_connector_library_project_references_the_schemas_project_and_nothing_else()
    {
        var closure = ProjectReferences.Closure(LibraryProject);

        closure.Remove(LibraryProject);
        closure.Remove(SchemasProject);
        Assert.True(closure.Count == 0, $"{LibraryProject} references {string.Join(", ", closure.Order(StringComparer.Ordinal))} (directly or through another project): {Fix}");
    }
}
