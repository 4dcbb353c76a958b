using System.Security.Cryptography.X509Certificates;

namespace Cdc.Sandbox.MongoDb.Server;

/// <summary>Settings of the MongoDB emulator.</summary>
internal sealed record MongoServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    public string ReplicaSetName { get; init; } = "rs0";

    /// <summary>How many oplog entries are retained (the window change streams can resume within).</summary>
    public int OplogCapacity { get; init; } = 100_000;

    /// <summary>Connections beyond this are closed at accept, so a runaway client cannot exhaust the process.</summary>
    public int MaxConnections { get; init; } = 512;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Longest a replSetStepDown keeps the node secondary before it re-elects itself (mongod waits the full
    /// replSetStepDown seconds, 60 by default; a single-node sandbox has no one else to elect, so tests need not wait).
    /// </summary>
    public TimeSpan MaxStepDownPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When true, connections must authenticate (SCRAM-SHA-1/SCRAM-SHA-256) before running anything but the handshake
    /// and the authentication commands, and every command is checked against the user's roles, as mongod --auth does.
    /// Off by default: the emulator then accepts every command from anyone, like a mongod without --auth.
    /// </summary>
    public bool RequireAuthentication { get; init; }

    /// <summary>Users created at start (also usable for authentication when <see cref="RequireAuthentication"/> is off).</summary>
    public IReadOnlyList<MongoServerUser> Users { get; init; } = [];

    /// <summary>
    /// When set (a certificate with its private key), every connection must speak TLS 1.2 or 1.3 and the server
    /// presents this certificate; a plaintext client fails the handshake and is disconnected. Null: plain TCP.
    /// </summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>
    /// With <see cref="TlsCertificate"/>: clients must present a certificate issued by this CA (checked against it
    /// alone), and may then authenticate with MONGODB-X509 as the $external user named by the certificate's subject
    /// DN. Null: no client certificate is requested.
    /// </summary>
    public X509Certificate2? ClientCertificateAuthority { get; init; }
}
