using System.Xml.Linq;

namespace Cdc.Tests.Shared;

/// <summary>The project references of the repository's projects, read from their project files.</summary>
internal static class ProjectReferences
{
    /// <summary>
    /// The project and every project it references, transitively, as paths relative to the repository root with '/'
    /// (<paramref name="project"/> is given the same way, e.g. "src/Cdc.Connector/Cdc.Connector.csproj").
    /// </summary>
    public static HashSet<string> Closure(string project)
    {
        var root = RepositoryRoot.Path;
        var closure = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!closure.Add(next))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Path.Combine(root, next))!;
            foreach (var reference in XDocument.Load(Path.Combine(root, next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(root, full).Replace('\\', '/'));
            }
        }

        return closure;
    }
}
