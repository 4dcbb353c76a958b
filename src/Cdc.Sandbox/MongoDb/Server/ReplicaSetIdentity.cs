namespace Cdc.Sandbox.MongoDb.Server;

/// <summary>Who the single node says it is in hello: set name, its own host:port (also the primary and only host), election.</summary>
internal sealed class ReplicaSetIdentity
{
    public ReplicaSetIdentity(string setName, string host, byte[] electionId)
    {
        SetName = setName;
        Host = host;
        ElectionId = electionId;
    }

    public string SetName { get; }

    /// <summary>"127.0.0.1:port", exactly the seed drivers are given: drivers drop a member whose hosts list lacks it.</summary>
    public string Host { get; }

    /// <summary>Changes on each (emulated) election; the step-down fault next session replaces it.</summary>
    public byte[] ElectionId { get; set; }

    public int SetVersion { get; } = 1;

    public long Term { get; set; } = 1;
}
