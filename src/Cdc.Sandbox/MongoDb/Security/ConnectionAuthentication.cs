namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>
/// What one connection has proven: the users it authenticated as (by "db.name"; roles are looked up at each check so
/// grants and revocations apply at once, as mongod's user cache invalidation does) and its SASL conversations in flight.
/// </summary>
internal sealed class ConnectionAuthentication
{
    private readonly Lock _gate = new();
    private readonly List<(string Name, string Database)> _users = [];
    private readonly Dictionary<int, ScramConversation> _conversations = [];
    private int _lastConversationId;

    /// <summary>The subject DN (RFC 2253 form) of the client certificate verified at the TLS handshake, if any.</summary>
    public string? ClientCertificateSubject { get; set; }

    public List<(string Name, string Database)> Users
    {
        get
        {
            lock (_gate)
            {
                return [.. _users];
            }
        }
    }

    public void Authenticated(MongoUser user)
    {
        lock (_gate)
        {
            // One user per database, as mongod allows: a second login on the same database replaces the first.
            _users.RemoveAll(existing => existing.Database == user.Database);
            _users.Add((user.Name, user.Database));
        }
    }

    public void Logout(string database)
    {
        lock (_gate)
        {
            _users.RemoveAll(existing => existing.Database == database);
        }
    }

    public int StartConversation(ScramConversation conversation)
    {
        lock (_gate)
        {
            var id = ++_lastConversationId;
            _conversations[id] = conversation;
            return id;
        }
    }

    public ScramConversation? Conversation(int id)
    {
        lock (_gate)
        {
            return _conversations.GetValueOrDefault(id);
        }
    }

    public void EndConversation(int id)
    {
        lock (_gate)
        {
            _conversations.Remove(id);
        }
    }
}
