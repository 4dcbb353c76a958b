using Cdc.Sandbox.MongoDb.Security;
using Cdc.Sandbox.MongoDb.Server;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Options of an emulator that requires authentication, with the users the authentication tests and scripts log in as.</summary>
internal static class AuthenticatedServer
{
    public static MongoServerOptions Options(System.Security.Cryptography.X509Certificates.X509Certificate2? tlsCertificate = null) => new()
    {
        RequireAuthentication = true,
        TlsCertificate = tlsCertificate,
        Users =
        [
            new MongoServerUser("admin", "admin-secret", [new RoleName("root", "admin")]),
            new MongoServerUser("reader", "reader-secret", [new RoleName("read", "shop")]),
            new MongoServerUser("outsider", "outsider-secret", [new RoleName("read", "other")]),
            new MongoServerUser("watcher", "watcher-secret", [new RoleName("readAnyDatabase", "admin")]),
        ],
    };
}
