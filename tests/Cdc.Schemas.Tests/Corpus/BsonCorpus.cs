using System.Text.Json;
using Cdc.Tests.Shared;

namespace Cdc.Schemas.Tests.Corpus;

/// <summary>
/// The BSON specification's conformance corpus, read from the shared corpora folder (never copied into the repo).
/// Cases are addressed by an id "file [index] description" so that every theory row names its case.
/// </summary>
internal static class BsonCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> Files = new(Load);

    public static string Directory => Path.Combine(RepositoryRoot.CorporaDirectory, "bson-corpus");

    public static bool Exists => System.IO.Directory.Exists(Directory) && System.IO.Directory.EnumerateFiles(Directory, "*.json").Any();

    public static string MissingMessage => $"BSON corpus not found at {Directory}";

    /// <summary>One row per case of the given section ("valid", "decodeErrors", "parseErrors") passing the filter.</summary>
    public static TheoryData<string> Cases(string section, Func<JsonElement, bool>? filter = null)
    {
        var rows = new TheoryData<string>();
        if (!Exists)
        {
            // The theory is skipped (see CorpusTheoryAttribute); xunit still wants a row to enumerate.
            rows.Add("corpus missing");
            return rows;
        }

        foreach (var (file, root) in Files.Value)
        {
            if (!root.TryGetProperty(section, out var cases))
            {
                continue;
            }

            var index = 0;
            foreach (var testCase in cases.EnumerateArray())
            {
                if (filter is null || filter(testCase))
                {
                    rows.Add($"{file} [{index}] {testCase.GetProperty("description").GetString()}");
                }

                index++;
            }
        }

        return rows;
    }

    public static CorpusCase Get(string id, string section)
    {
        var fileEnd = id.IndexOf(" [", StringComparison.Ordinal);
        var file = id[..fileEnd];
        var indexEnd = id.IndexOf(']', fileEnd);
        var index = int.Parse(id[(fileEnd + 2)..indexEnd], System.Globalization.CultureInfo.InvariantCulture);
        var root = Files.Value[file];
        return new CorpusCase(file, root, root.GetProperty(section)[index]);
    }

    private static SortedDictionary<string, JsonElement> Load()
    {
        var files = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!Exists)
        {
            return files;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            files[Path.GetFileName(path)] = document.RootElement.Clone();
        }

        return files;
    }
}
