namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>A subject's versions, oldest first (soft-deleted ones kept so that version numbers never repeat), and its own compatibility level if set.</summary>
internal sealed class RegisteredSubject(string name)
{
    public string Name { get; } = name;

    public List<SubjectVersion> Versions { get; } = [];

    public CompatibilityLevel? Level { get; set; }

    public bool HasLiveVersions
    {
        get
        {
            foreach (var version in Versions)
            {
                if (!version.Deleted)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
