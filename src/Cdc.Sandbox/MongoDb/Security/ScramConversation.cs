using System.Security.Cryptography;
using System.Text;

namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>
/// The server side of one SCRAM exchange (RFC 5802 §3): client-first → server-first (combined nonce, salt, iteration
/// count), client-final → verify the proof against StoredKey and answer the server signature. Any failure is reported
/// as <see cref="AuthenticationFailedException"/>, which the caller turns into mongod's code 18 without saying why,
/// so a client cannot probe which users exist.
/// </summary>
internal sealed class ScramConversation
{
    private readonly ScramMechanism _mechanism;
    private readonly string _database;
    private readonly Func<string, string, MongoUser?> _findUser;
    private string? _clientFirstBare;
    private string? _serverFirst;
    private string? _nonce;
    private MongoUser? _user;
    private ScramCredential? _credential;

    public ScramConversation(ScramMechanism mechanism, string database, Func<string, string, MongoUser?> findUser)
    {
        _mechanism = mechanism;
        _database = database;
        _findUser = findUser;
    }

    /// <summary>The user proven by a completed exchange (null until the client's proof verified).</summary>
    public MongoUser? AuthenticatedUser { get; private set; }

    /// <summary>saslStart's options.skipEmptyExchange: the server signature ends the exchange (done: true).</summary>
    public bool SkipEmptyExchange { get; init; }

    /// <summary>True once the server signature has been sent; an empty saslContinue then just ends the conversation.</summary>
    public bool ProofVerified => AuthenticatedUser is not null;

    /// <summary>After <see cref="Start"/>: whether the user named in the client-first message has this mechanism's credentials.</summary>
    public bool KnowsUser => _credential is not null;

    public byte[] Start(byte[] clientFirst)
    {
        var text = Encoding.UTF8.GetString(clientFirst);

        // gs2 header: "n,," (no channel binding, no authzid); "y,," is a client that could bind but thinks we cannot.
        if (!(text.StartsWith("n,,", StringComparison.Ordinal) || text.StartsWith("y,,", StringComparison.Ordinal)))
        {
            throw new AuthenticationFailedException("SCRAM client-first message must start with the gs2 header 'n,,' (channel binding and authzid are not supported).");
        }

        _clientFirstBare = text[3..];
        var attributes = Parse(_clientFirstBare);
        if (!attributes.TryGetValue('n', out var encodedUser) || !attributes.TryGetValue('r', out var clientNonce) || clientNonce.Length == 0)
        {
            throw new AuthenticationFailedException("SCRAM client-first message needs n=<user> and r=<nonce>.");
        }

        var userName = encodedUser.Replace("=2C", ",", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        _user = _findUser(userName, _database);
        _credential = _user?.Credential(_mechanism);

        // An unknown user gets a well-formed, unanswerable challenge (as mongod does), so the failure shows only at the proof.
        var salt = _credential?.Salt ?? RandomNumberGenerator.GetBytes(_mechanism.SaltLength);
        var iterations = _credential?.Iterations ?? _mechanism.Iterations;
        _nonce = clientNonce + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        _serverFirst = $"r={_nonce},s={Convert.ToBase64String(salt)},i={iterations}";
        return Encoding.UTF8.GetBytes(_serverFirst);
    }

    public byte[] Continue(byte[] clientFinal)
    {
        if (_serverFirst is null || _clientFirstBare is null || ProofVerified)
        {
            throw new AuthenticationFailedException("SCRAM client-final message out of order.");
        }

        var text = Encoding.UTF8.GetString(clientFinal);
        var proofAt = text.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofAt < 0)
        {
            throw new AuthenticationFailedException("SCRAM client-final message has no proof (p=).");
        }

        var withoutProof = text[..proofAt];
        var attributes = Parse(text);
        if (!attributes.TryGetValue('r', out var nonce) || !string.Equals(nonce, _nonce, StringComparison.Ordinal)
            || !attributes.TryGetValue('c', out var binding) || binding != "biws" && binding != "eSws")
        {
            throw new AuthenticationFailedException("SCRAM client-final message has a wrong nonce or channel binding.");
        }

        byte[] proof;
        try
        {
            proof = Convert.FromBase64String(attributes['p']);
        }
        catch (FormatException)
        {
            throw new AuthenticationFailedException("SCRAM proof is not base64.");
        }

        if (_user is null || _credential is null || proof.Length != _mechanism.HashLength)
        {
            throw new AuthenticationFailedException("unknown user or wrong proof length.");
        }

        var authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{_serverFirst},{withoutProof}");
        var clientSignature = _mechanism.Hmac(_credential.StoredKey, authMessage);
        var clientKey = new byte[proof.Length];
        for (var i = 0; i < proof.Length; i++)
        {
            clientKey[i] = (byte)(proof[i] ^ clientSignature[i]);
        }

        if (!CryptographicOperations.FixedTimeEquals(_mechanism.Digest(clientKey), _credential.StoredKey))
        {
            throw new AuthenticationFailedException("SCRAM proof does not match the stored key.");
        }

        AuthenticatedUser = _user;
        var serverSignature = _mechanism.Hmac(_credential.ServerKey, authMessage);
        return Encoding.UTF8.GetBytes($"v={Convert.ToBase64String(serverSignature)}");
    }

    private static Dictionary<char, string> Parse(string message)
    {
        var attributes = new Dictionary<char, string>();
        foreach (var part in message.Split(','))
        {
            if (part.Length < 2 || part[1] != '=')
            {
                throw new AuthenticationFailedException($"SCRAM attribute '{part}' is not of the form x=value.");
            }

            attributes.TryAdd(part[0], part[2..]);
        }

        return attributes;
    }
}
