namespace Cdc.Connector.Configuration;

/// <summary>
/// Reads a value from a file, the way Kubernetes and Docker hand secrets to a container (a mounted file instead of an
/// environment variable that `ps e`, `docker inspect` and crash dumps show). Problems name the variable and the path,
/// never the content.
/// </summary>
internal static class SecretFiles
{
    /// <summary>Reads <paramref name="path"/>. <paramref name="source"/> says who named the file, starting a sentence
    /// ("Environment variable CDC__MONGODB__URI_FILE", "--set mongodb.uri@file"); problems go to <paramref name="problems"/>.</summary>
    /// <returns>The file's text without its trailing line break(s), or null with a problem added.</returns>
    public static string? Read(string source, string path, ConfigurationProblems problems)
    {
        if (path.Length == 0)
        {
            problems.Add($"{source} is empty: it must name the file that holds the value.");
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add($"{source} names the file '{path}', which does not exist.");
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            // Also what reading a directory gives.
            problems.Add($"{source} names '{path}', which cannot be read (permission denied, or a directory).");
            return null;
        }
        catch (IOException ex)
        {
            problems.Add($"{source} names the file '{path}', which cannot be read: {ex.Message}");
            return null;
        }

        // Secret files are usually written with `echo`, which adds a newline no password contains.
        return text.TrimEnd('\r', '\n');
    }
}
