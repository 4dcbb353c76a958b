using System.Security.Cryptography;
using System.Text;
using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>
/// The client side of SCRAM written from RFC 5802 and the MongoDB auth specification, independently of the server's
/// code: it runs saslStart/saslContinue through <c>run</c> and checks the server signature. Returns the last reply
/// (ok: 0 with the server's error when the server refused).
/// </summary>
internal static class ScramTestClient
{
    public static async Task<Doc> AuthenticateAsync(Func<Doc, Task<Doc>> run, string mechanism, string user, string password, bool skipEmptyExchange = true)
    {
        var sha1 = mechanism == "SCRAM-SHA-1";
        var clientNonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var clientFirstBare = $"n={user.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal)},r={clientNonce}";
        var start = new Doc().Add("saslStart", 1).Add("mechanism", mechanism)
            .Add("payload", DocValue.FromBinary(0, Encoding.UTF8.GetBytes("n,," + clientFirstBare)))
            .Add("autoAuthorize", 1);
        if (skipEmptyExchange)
        {
            start.Add("options", new Doc().Add("skipEmptyExchange", true));
        }

        var first = await run(start);
        if (first["ok"]!.Double != 1.0)
        {
            return first;
        }

        var serverFirst = Encoding.UTF8.GetString(first["payload"]!.Bytes);
        var fields = serverFirst.Split(',').ToDictionary(part => part[0], part => part[2..]);
        Assert.StartsWith(clientNonce, fields['r'], StringComparison.Ordinal);
        var salt = Convert.FromBase64String(fields['s']);
        var iterations = int.Parse(fields['i'], System.Globalization.CultureInfo.InvariantCulture);

#pragma warning disable CA5350, CA5351 // SCRAM-SHA-1 is defined with SHA-1 and MongoDB's MD5 password digest.
        var secret = sha1 ? Encoding.ASCII.GetBytes(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{user}:mongo:{password}")))) : Encoding.UTF8.GetBytes(password);
        var algorithm = sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        var saltedPassword = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, algorithm, sha1 ? 20 : 32);
        byte[] Hmac(byte[] key, string data) => sha1 ? HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(data)) : HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
        var clientKey = Hmac(saltedPassword, "Client Key");
        var storedKey = sha1 ? SHA1.HashData(clientKey) : SHA256.HashData(clientKey);
#pragma warning restore CA5350, CA5351
        var withoutProof = $"c=biws,r={fields['r']}";
        var authMessage = $"{clientFirstBare},{serverFirst},{withoutProof}";
        var clientSignature = Hmac(storedKey, authMessage);
        var proof = clientKey.Zip(clientSignature, (key, signature) => (byte)(key ^ signature)).ToArray();

        var conversationId = first["conversationId"]!;
        var second = await run(new Doc().Add("saslContinue", 1).Add("conversationId", conversationId)
            .Add("payload", DocValue.FromBinary(0, Encoding.UTF8.GetBytes($"{withoutProof},p={Convert.ToBase64String(proof)}"))));
        if (second["ok"]!.Double != 1.0)
        {
            return second;
        }

        var expectedServerSignature = Convert.ToBase64String(Hmac(Hmac(saltedPassword, "Server Key"), authMessage));
        Assert.Equal($"v={expectedServerSignature}", Encoding.UTF8.GetString(second["payload"]!.Bytes));
        if (second["done"]!.Boolean)
        {
            return second;
        }

        return await run(new Doc().Add("saslContinue", 1).Add("conversationId", conversationId).Add("payload", DocValue.FromBinary(0, [])));
    }
}
