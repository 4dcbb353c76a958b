using Cdc.Tests.Shared;

namespace Cdc.Connector.Tests.Layering;

/// <summary>
/// The connector library's folders (Source, MongoDb, Checkpoint, Sink, Pipeline, Observability, …) form layers: a
/// folder may use the ones below it and none above. One assembly cannot make the compiler hold to that, so this test
/// reads the sources: a file's folder is its namespace (checked too), and it depends on every other folder it names.
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly string Library = Path.Combine(RepositoryRoot.Path, "src", "Cdc.Connector");

    [Fact]
    public void The_connector_library_has_no_namespace_cycle()
    {
        var graph = FolderDependencyGraph.Read(Library);

        var cycle = graph.FindCycle();

        Assert.True(
            cycle is null,
            cycle is null ? string.Empty : $"src/Cdc.Connector has a namespace cycle: {graph.Describe(cycle)}. Fix: move the type the lower folder uses "
                + "down to it, or give the lower folder a small interface of its own that the upper one implements.");
    }

    [Fact]
    public void Every_file_of_the_connector_library_is_in_the_namespace_of_its_folder()
    {
        // The cycle test takes a file's folder for its namespace; a file declaring another namespace would hide its edges.
        var misplaced = FolderDependencyGraph.SourceFiles(Library)
            .Where(file => !FolderDependencyGraph.DeclaresNamespaceOfFolder(Library, file))
            .Select(file => Path.GetRelativePath(Library, file))
            .ToArray();

        Assert.True(misplaced.Length == 0, $"These files of src/Cdc.Connector declare a namespace other than Cdc.Connector.<their folder>: {string.Join(", ", misplaced)}; move the file or correct its namespace.");
    }

    [Fact]
    public void A_cycle_is_found_and_named_by_the_files_that_make_it()
    {
        // The reader on its own, on two folders that use each other: the first fact would be vacuous if it saw no edge.
        var root = Directory.CreateTempSubdirectory("cdc-layering-").FullName;
        try
        {
            Write(root, "Pipeline/Runner.cs", "using Cdc.Connector.Sink;\n\nnamespace Cdc.Connector.Pipeline;\n\ninternal sealed class Runner { }\n");
            Write(root, "Sink/Cache.cs", "namespace Cdc.Connector.Sink;\n\n// Cdc.Connector.Observability is only mentioned here.\ninternal sealed class Cache { private readonly Pipeline.Backoff _b = new(); }\n");
            Write(root, "Pipeline/Backoff.cs", "namespace Cdc.Connector.Pipeline;\n\ninternal sealed class Backoff { }\n");
            Write(root, "Observability/Metrics.cs", "using Cdc.Connector.Pipeline;\n\nnamespace Cdc.Connector.Observability;\n\ninternal sealed class Metrics { }\n");

            var graph = FolderDependencyGraph.Read(root);
            var cycle = graph.FindCycle();

            Assert.NotNull(cycle);
            var described = graph.Describe(cycle);
            Assert.Contains("Pipeline -> Sink (Pipeline/Runner.cs)", described, StringComparison.Ordinal);
            Assert.Contains("Sink -> Pipeline (Sink/Cache.cs)", described, StringComparison.Ordinal);
            Assert.False(graph.Uses("Sink", "Observability"), "a folder named in a comment is not a dependency");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Write(string root, string relativePath, string text)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
