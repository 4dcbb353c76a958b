using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Cdc.Connector.Configuration;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Configuration;
using MongoDB.Driver.Core.Servers;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// Why no MongoDB server could be selected, one entry per host: what the driver saw of it and what that usually means
/// ("127.0.0.1:1 (Connection refused — nothing listens there: …)"). Hosts of mongodb.uri that the driver's view of the
/// cluster no longer holds are named too: the driver drops a host that answered as something the URI did not ask for
/// (a member of another replica set), so an empty view is not "no hosts".
/// </summary>
internal static class ServerSelectionDiagnosis
{
    /// <summary>"db1:27017 (Connection refused — nothing listens there: …); db2:27017 (no answer yet: …)", or null when there is nothing to name.</summary>
    public static string? Describe(ClusterDescription cluster, MongoClientSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var entries = cluster.Servers.Select(server => Describe(server, settings)).ToList();
        entries.AddRange(DroppedHosts(cluster, settings));
        return entries.Count == 0 ? null : string.Join("; ", entries);
    }

    /// <summary>
    /// What a failed heartbeat usually means and what to check, by its cause; null when the driver's text is all there is
    /// to say. Never holds a semicolon: entries are separated by them.
    /// </summary>
    public static string? Meaning(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        for (Exception? error = failure; error is not null; error = error.InnerException)
        {
            switch (error)
            {
                case SocketException socket when Meaning(socket.SocketErrorCode) is { } meaning:
                    return meaning;
                case AuthenticationException:
                    return "the TLS handshake failed: check mongodb.tlsCAFile (the CA that issued the server's certificate), the host names in mongodb.uri against the names in that certificate, and tls in mongodb.uri";
                case MongoAuthenticationException:
                    return "the server refused the credentials: check the user name, password and authSource in mongodb.uri";
            }
        }

        return null;
    }

    private static string? Meaning(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "nothing listens there: the server is down, or mongodb.uri has the wrong host or port",
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "the host name does not resolve: check its spelling in mongodb.uri and this machine's DNS",
        SocketError.TimedOut => "no answer within connectTimeoutMS: a firewall drops the traffic, or the address is wrong",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "no route from this machine to it: check the address and the network",
        SocketError.ConnectionReset => "the connection was closed at once: another service may listen on that port, or the server expects TLS (tls=true)",
        _ => null,
    };

    private static string Describe(ServerDescription server, MongoClientSettings? settings)
    {
        var endPoint = EndPointText(server.EndPoint);
        if (server.HeartbeatException is { } failure)
        {
            var text = SecretRedactor.RedactText(Innermost(failure).Message.TrimEnd('.'));
            return Meaning(failure) is { } meaning ? $"{endPoint} ({text} — {meaning})" : $"{endPoint} ({text})";
        }

        if (server.Type == ServerType.Unknown)
        {
            var tls = settings?.UseTls == true ? ", or a server without TLS while mongodb.uri says tls=true" : string.Empty;
            return $"{endPoint} (no answer yet: usually a firewall that drops the traffic, or a wrong address{tls})";
        }

        return server.Type == ServerType.ReplicaSetSecondary
            ? $"{endPoint} (ReplicaSetSecondary: reachable, but the operation needs the primary, and none was seen: an election under way, or the primary is not reachable from here)"
            : string.Create(CultureInfo.InvariantCulture, $"{endPoint} ({server.Type}: reachable, but not eligible for this operation)");
    }

    /// <summary>Hosts written in mongodb.uri that the cluster's view has dropped.</summary>
    private static IEnumerable<string> DroppedHosts(ClusterDescription cluster, MongoClientSettings? settings)
    {
        // A mongodb+srv URI names a DNS record, not a server: its hosts come from DNS.
        if (settings is null || settings.Scheme == ConnectionStringScheme.MongoDBPlusSrv)
        {
            yield break;
        }

        var seen = cluster.Servers.Select(server => EndPointText(server.EndPoint)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var address in settings.Servers)
        {
            // As the driver names it: an IP address becomes an IPEndPoint ("[::1]:27017"), a name stays a name.
            var host = IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip)
                ? new IPEndPoint(ip, address.Port).ToString()
                : string.Create(CultureInfo.InvariantCulture, $"{address.Host}:{address.Port}");
            if (seen.Contains(host))
            {
                continue;
            }

            yield return settings.ReplicaSetName is { } replicaSet
                ? $"{host} (answered, but the driver left it out: it is not a member of replica set '{replicaSet}', which mongodb.uri's replicaSet names, or the set's configuration lists its members under other names than mongodb.uri)"
                : $"{host} (answered, but the driver left it out: it is not the kind of server the others are, e.g. a standalone among replica set members)";
        }
    }

    internal static string EndPointText(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => string.Create(CultureInfo.InvariantCulture, $"{dns.Host}:{dns.Port}"),
        IPEndPoint ip => ip.ToString(),
        _ => endPoint.ToString() ?? "?",
    };

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is { } inner)
        {
            error = inner;
        }

        return error;
    }
}
