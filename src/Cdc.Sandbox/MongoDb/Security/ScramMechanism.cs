using System.Security.Cryptography;
using System.Text;

namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>
/// One SCRAM variant as MongoDB runs it (RFC 5802 / RFC 7677 plus MongoDB's password digest for SHA-1): the hash, the
/// iteration count and salt length mongod uses when it stores a credential, and how the password is prepared.
/// </summary>
internal sealed class ScramMechanism
{
    public static readonly ScramMechanism Sha1 = new("SCRAM-SHA-1", HashAlgorithmName.SHA1, hashLength: 20, iterations: 10_000, saltLength: 16);

    public static readonly ScramMechanism Sha256 = new("SCRAM-SHA-256", HashAlgorithmName.SHA256, hashLength: 32, iterations: 15_000, saltLength: 28);

    private ScramMechanism(string name, HashAlgorithmName hash, int hashLength, int iterations, int saltLength)
    {
        Name = name;
        Hash = hash;
        HashLength = hashLength;
        Iterations = iterations;
        SaltLength = saltLength;
    }

    /// <summary>The mechanism name drivers send in saslStart and read in saslSupportedMechs.</summary>
    public string Name { get; }

    public HashAlgorithmName Hash { get; }

    public int HashLength { get; }

    /// <summary>mongod's default scramIterationCount (10000) and scramSHA256IterationCount (15000).</summary>
    public int Iterations { get; }

    public int SaltLength { get; }

    public static ScramMechanism? FromName(string name) => name switch
    {
        "SCRAM-SHA-1" => Sha1,
        "SCRAM-SHA-256" => Sha256,
        _ => null,
    };

    /// <summary>
    /// The bytes PBKDF2 runs on. SCRAM-SHA-1 in MongoDB hashes the hex MD5 of "user:mongo:password" (the legacy
    /// MONGODB-CR digest, kept for compatibility); SCRAM-SHA-256 uses the SASLprep'd password, which for ASCII is the
    /// password itself. Non-ASCII passwords are refused rather than prepared half-right.
    /// </summary>
    public byte[] PreparePassword(string user, string password)
    {
        if (this == Sha1)
        {
#pragma warning disable CA5351 // MD5 is mandated by MongoDB's SCRAM-SHA-1 password digest; it is not used for security on its own.
            var digest = MD5.HashData(Encoding.UTF8.GetBytes($"{user}:mongo:{password}"));
#pragma warning restore CA5351
            return Encoding.ASCII.GetBytes(Convert.ToHexStringLower(digest));
        }

        if (!Ascii.IsValid(password))
        {
            throw new ArgumentException("SCRAM-SHA-256 passwords must be ASCII in the cdc sandbox: it does not implement SASLprep for other characters. Choose an ASCII password.", nameof(password));
        }

        return Encoding.ASCII.GetBytes(password);
    }

    public byte[] SaltedPassword(byte[] preparedPassword, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(preparedPassword, salt, iterations, Hash, HashLength);

    public byte[] Hmac(byte[] key, byte[] data) =>
#pragma warning disable CA5350 // HMAC-SHA-1 is what SCRAM-SHA-1 is defined with; drivers choose the mechanism.
        this == Sha1 ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data);
#pragma warning restore CA5350

    public byte[] Digest(byte[] data) =>
#pragma warning disable CA5350 // SHA-1 is what SCRAM-SHA-1 is defined with.
        this == Sha1 ? SHA1.HashData(data) : SHA256.HashData(data);
#pragma warning restore CA5350
}
