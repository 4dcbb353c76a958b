using System.Security.Cryptography;
using System.Text;

namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>
/// What a server keeps of a SCRAM password (as mongod's admin.system.users credentials do): the salt, the iteration
/// count, StoredKey = H(HMAC(SaltedPassword, "Client Key")) and ServerKey = HMAC(SaltedPassword, "Server Key").
/// The password itself is never stored; StoredKey verifies a client's proof and ServerKey signs the server's answer.
/// </summary>
internal sealed record ScramCredential(ScramMechanism Mechanism, byte[] Salt, int Iterations, byte[] StoredKey, byte[] ServerKey)
{
    public static ScramCredential Create(ScramMechanism mechanism, string user, string password)
    {
        var salt = RandomNumberGenerator.GetBytes(mechanism.SaltLength);
        var salted = mechanism.SaltedPassword(mechanism.PreparePassword(user, password), salt, mechanism.Iterations);
        var clientKey = mechanism.Hmac(salted, Encoding.ASCII.GetBytes("Client Key"));
        var serverKey = mechanism.Hmac(salted, Encoding.ASCII.GetBytes("Server Key"));
        return new ScramCredential(mechanism, salt, mechanism.Iterations, mechanism.Digest(clientKey), serverKey);
    }
}
