using Cdc.Schemas.Avro;

namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>
/// The registry's state and rules, independent of HTTP: global ids shared by identical schemas across subjects,
/// per-subject versions, soft deletes, compatibility levels. One lock guards everything; a registry sees few writes.
/// </summary>
/// <remarks>
/// Schemas are identified by their normalised full JSON (<see cref="AvroSchema.ToJson"/> of the parsed schema:
/// whitespace, attribute order and type shorthands do not matter) as Confluent does with its canonical string. The
/// Parsing Canonical Form is deliberately not the identity: it drops defaults, docs, aliases and logical types, so
/// two schemas that resolve differently would share an id and a consumer would read with the wrong one.
/// </remarks>
internal sealed class SchemaRegistryStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredSchema> _schemasByJson = new(StringComparer.Ordinal);
    private readonly Dictionary<int, StoredSchema> _schemasById = [];
    private readonly SortedDictionary<string, RegisteredSubject> _subjects = new(StringComparer.Ordinal);
    private CompatibilityLevel _globalLevel = CompatibilityLevel.Backward;

    public CompatibilityLevel GlobalLevel
    {
        get { lock (_lock) { return _globalLevel; } }
        set { lock (_lock) { _globalLevel = value; } }
    }

    /// <summary>Registers the schema under the subject, or returns its existing id when a live version already has it.</summary>
    public (int Id, int Version) Register(string subject, string schemaJson)
    {
        var parsed = Parse(schemaJson);
        var json = parsed.ToJson();
        lock (_lock)
        {
            var entry = _subjects.GetValueOrDefault(subject);
            if (entry is not null)
            {
                foreach (var existing in entry.Versions)
                {
                    if (!existing.Deleted && existing.Schema.Json == json)
                    {
                        return (existing.Schema.Id, existing.Version);
                    }
                }

                var level = entry.Level ?? _globalLevel;
                var problems = SchemaCompatibility.Check(level, parsed, LiveSchemas(entry));
                if (problems.Count > 0)
                {
                    throw new RegistryError(409, 409, $"Schema being registered is incompatible with an earlier schema for subject '{subject}' ({CompatibilityLevelNames.Format(level)}), details: [{string.Join("; ", problems)}]");
                }
            }
            else
            {
                entry = new RegisteredSubject(subject);
                _subjects.Add(subject, entry);
            }

            if (!_schemasByJson.TryGetValue(json, out var stored))
            {
                stored = new StoredSchema(_schemasById.Count + 1, parsed, json);
                _schemasByJson.Add(json, stored);
                _schemasById.Add(stored.Id, stored);
            }

            var version = entry.Versions.Count == 0 ? 1 : entry.Versions[^1].Version + 1;
            entry.Versions.Add(new SubjectVersion(version, stored));
            return (stored.Id, version);
        }
    }

    /// <summary>The live version of the subject holding this schema: 40401 without the subject, 40403 without the schema.</summary>
    public SubjectVersionInfo Lookup(string subject, string schemaJson)
    {
        var json = Parse(schemaJson).ToJson();
        lock (_lock)
        {
            var entry = LiveSubject(subject);
            foreach (var version in entry.Versions)
            {
                if (!version.Deleted && version.Schema.Json == json)
                {
                    return Info(entry, version);
                }
            }

            throw RegistryError.SchemaNotFound($"Schema not found under subject '{subject}'.");
        }
    }

    public string GetSchema(int id)
    {
        lock (_lock)
        {
            return _schemasById.TryGetValue(id, out var stored) ? stored.Json : throw RegistryError.SchemaNotFound($"Schema {id} not found.");
        }
    }

    /// <summary>The live (subject, version) pairs that use schema <paramref name="id"/>.</summary>
    public IReadOnlyList<(string Subject, int Version)> GetUsesOf(int id)
    {
        lock (_lock)
        {
            if (!_schemasById.ContainsKey(id))
            {
                throw RegistryError.SchemaNotFound($"Schema {id} not found.");
            }

            var uses = new List<(string, int)>();
            foreach (var entry in _subjects.Values)
            {
                foreach (var version in entry.Versions)
                {
                    if (!version.Deleted && version.Schema.Id == id)
                    {
                        uses.Add((entry.Name, version.Version));
                    }
                }
            }

            return uses;
        }
    }

    public IReadOnlyList<string> Subjects()
    {
        lock (_lock)
        {
            var names = new List<string>();
            foreach (var entry in _subjects.Values)
            {
                if (entry.HasLiveVersions)
                {
                    names.Add(entry.Name);
                }
            }

            return names;
        }
    }

    public IReadOnlyList<int> Versions(string subject)
    {
        lock (_lock)
        {
            var versions = new List<int>();
            foreach (var version in LiveSubject(subject).Versions)
            {
                if (!version.Deleted)
                {
                    versions.Add(version.Version);
                }
            }

            return versions;
        }
    }

    public SubjectVersionInfo GetVersion(string subject, string versionText)
    {
        lock (_lock)
        {
            var entry = LiveSubject(subject);
            return Info(entry, FindLiveVersion(entry, versionText));
        }
    }

    /// <summary>Soft-deletes every live version (returned); with <paramref name="permanent"/>, forgets a subject already soft-deleted.</summary>
    public IReadOnlyList<int> DeleteSubject(string subject, bool permanent)
    {
        lock (_lock)
        {
            if (!_subjects.TryGetValue(subject, out var entry))
            {
                throw RegistryError.SubjectNotFound(subject);
            }

            var versions = new List<int>();
            if (permanent)
            {
                if (entry.HasLiveVersions)
                {
                    throw new RegistryError(404, 40405, $"Subject '{subject}' was not deleted first before being permanently deleted.");
                }

                foreach (var version in entry.Versions)
                {
                    versions.Add(version.Version);
                }

                _subjects.Remove(subject);
                return versions;
            }

            foreach (var version in entry.Versions)
            {
                if (!version.Deleted)
                {
                    version.Deleted = true;
                    versions.Add(version.Version);
                }
            }

            return versions.Count > 0 ? versions : throw RegistryError.SubjectNotFound(subject);
        }
    }

    /// <summary>Soft-deletes one live version; with <paramref name="permanent"/>, removes one already soft-deleted.</summary>
    public int DeleteVersion(string subject, string versionText, bool permanent)
    {
        lock (_lock)
        {
            if (!_subjects.TryGetValue(subject, out var entry))
            {
                throw RegistryError.SubjectNotFound(subject);
            }

            if (permanent)
            {
                var number = ParseVersionNumber(versionText) ?? throw RegistryError.InvalidVersion(versionText);
                var index = entry.Versions.FindIndex(v => v.Version == number);
                if (index < 0)
                {
                    throw RegistryError.VersionNotFound(subject, number);
                }

                if (!entry.Versions[index].Deleted)
                {
                    throw new RegistryError(404, 40407, $"Subject '{subject}' version {number} was not deleted first before being permanently deleted.");
                }

                entry.Versions.RemoveAt(index);
                return number;
            }

            if (!entry.HasLiveVersions)
            {
                throw RegistryError.SubjectNotFound(subject);
            }

            var version = FindLiveVersion(entry, versionText);
            version.Deleted = true;
            return version.Version;
        }
    }

    /// <summary>The subject's own level, or null when it follows the global one.</summary>
    public CompatibilityLevel? GetSubjectLevel(string subject)
    {
        lock (_lock)
        {
            return _subjects.GetValueOrDefault(subject)?.Level;
        }
    }

    /// <summary>Sets a subject's level; like Confluent, this is allowed before the subject has any version.</summary>
    public void SetSubjectLevel(string subject, CompatibilityLevel level)
    {
        lock (_lock)
        {
            if (!_subjects.TryGetValue(subject, out var entry))
            {
                entry = new RegisteredSubject(subject);
                _subjects.Add(subject, entry);
            }

            entry.Level = level;
        }
    }

    /// <summary>
    /// Why the schema would be refused under the subject's level: against one version (<paramref name="versionText"/>)
    /// or, when null, against the versions the level itself names.
    /// </summary>
    public IReadOnlyList<string> TestCompatibility(string subject, string? versionText, string schemaJson)
    {
        var parsed = Parse(schemaJson);
        lock (_lock)
        {
            var entry = LiveSubject(subject);
            var level = entry.Level ?? _globalLevel;
            if (versionText is null)
            {
                return SchemaCompatibility.Check(level, parsed, LiveSchemas(entry));
            }

            var version = FindLiveVersion(entry, versionText);
            return SchemaCompatibility.Check(level, parsed, [(version.Version, version.Schema.Schema)]);
        }
    }

    private static AvroSchema Parse(string schemaJson)
    {
        try
        {
            return AvroSchema.Parse(schemaJson);
        }
        catch (AvroException e)
        {
            throw RegistryError.InvalidSchema($"Invalid schema: {e.Message}");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw RegistryError.InvalidSchema($"Invalid schema: not JSON ({e.Message})");
        }
    }

    private RegisteredSubject LiveSubject(string subject) =>
        _subjects.TryGetValue(subject, out var entry) && entry.HasLiveVersions ? entry : throw RegistryError.SubjectNotFound(subject);

    private static SubjectVersion FindLiveVersion(RegisteredSubject entry, string versionText)
    {
        var latest = versionText == "latest" || versionText == "-1";
        var number = latest ? 0 : ParseVersionNumber(versionText) ?? throw RegistryError.InvalidVersion(versionText);
        for (var i = entry.Versions.Count - 1; i >= 0; i--)
        {
            var version = entry.Versions[i];
            if (!version.Deleted && (latest || version.Version == number))
            {
                return version;
            }
        }

        throw RegistryError.VersionNotFound(entry.Name, number);
    }

    private static int? ParseVersionNumber(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1 ? number : null;

    private static List<(int Version, AvroSchema Schema)> LiveSchemas(RegisteredSubject entry)
    {
        var schemas = new List<(int, AvroSchema)>();
        foreach (var version in entry.Versions)
        {
            if (!version.Deleted)
            {
                schemas.Add((version.Version, version.Schema.Schema));
            }
        }

        return schemas;
    }

    private static SubjectVersionInfo Info(RegisteredSubject entry, SubjectVersion version) =>
        new(entry.Name, version.Version, version.Schema.Id, version.Schema.Json);
}
