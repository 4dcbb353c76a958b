using System.Text;
using Cdc.Schemas.Mapping;

namespace Cdc.Schemas.Tests.Mapping;

public sealed class TopicNamesCollisionTests
{
    // Characters Kafka rejects, including non-BMP ones: all of them sanitise to '_', so only the hash separates names.
    private static readonly string[] Replaced =
        [" ", "$", "€", "é", "ü", "ß", "日", "本", "订", "单", "客", "户", "я", "ж", "ا", "ש", "🙂", "𝄞", "\t", "*", "/", "\\", "\"", "<", ">", ":", "|", "?", "+", "=", "@", "#", "%", "&", "(", ")", "[", "]", "{", "}", ",", ";", "!", "~", "^", "'", "`", "\u00a0", "\u200b", "Ω"];

    private static readonly string[] LegalInCollection = ["a", "Z", "0", "9", ".", "_", "-"];

    // MongoDB database names cannot contain '.', which is what makes "db.coll" unambiguous.
    private static readonly string[] LegalInDatabase = ["a", "Z", "0", "9", "_", "-"];

    [Fact]
    public void Namespaces_sanitising_to_the_same_form_get_distinct_legal_topics()
    {
        // Every two-character collection of replaced characters sanitises to "__": 2,500 names told apart by the hash.
        var topics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var first in Replaced)
        {
            foreach (var second in Replaced)
            {
                var coll = first + second;
                var topic = TopicNames.Compose("cdc", "shop", coll);
                Assert.StartsWith("cdc.shop.__-", topic, StringComparison.Ordinal);
                AssertNew(topics, topic, "shop." + coll);
            }
        }

        Assert.Equal(Replaced.Length * Replaced.Length, topics.Count);
    }

    [Fact]
    public void Thousands_of_generated_namespaces_get_distinct_legal_deterministic_topics()
    {
        var random = new Random(20261121);
        var namespaces = new HashSet<(string Db, string? Coll)>();
        while (namespaces.Count < 6000)
        {
            var db = Generate(random, LegalInDatabase, random.Next(1, 12));
            var coll = random.Next(10) == 0 ? null : Generate(random, LegalInCollection, random.Next(1, random.Next(8) == 0 ? 400 : 16));
            namespaces.Add((db, coll));
        }

        var topics = new Dictionary<string, string>(StringComparer.Ordinal);
        var suffixed = 0;
        var atMaxLength = 0;
        foreach (var (db, coll) in namespaces)
        {
            var topic = TopicNames.Compose("cdc", db, coll);
            var label = coll is null ? db : db + "." + coll;
            Assert.True(TopicNames.IsLegal(topic), $"\"{topic}\" for \"{label}\" is not a legal topic");
            Assert.Equal(topic, TopicNames.Compose("cdc", db, coll));
            AssertNew(topics, topic, label);

            var unchanged = coll is null ? $"cdc.{db}" : $"cdc.{db}.{coll}";
            if (topic == unchanged)
            {
                continue;
            }

            suffixed++;
            atMaxLength += topic.Length == TopicNames.MaxLength ? 1 : 0;
        }

        // The generator must reach every branch, or the distinctness above proves little.
        Assert.InRange(suffixed, 3000, namespaces.Count - 100);
        Assert.InRange(atMaxLength, 100, namespaces.Count);
    }

    private static void AssertNew(Dictionary<string, string> topics, string topic, string namespaceName)
    {
        Assert.False(topics.TryGetValue(topic, out var earlier), $"\"{namespaceName}\" and \"{earlier}\" share topic \"{topic}\"");
        topics.Add(topic, namespaceName);
    }

    private static string Generate(Random random, string[] legal, int length)
    {
        var name = new StringBuilder(length * 2);
        for (var i = 0; i < length; i++)
        {
            // Mostly legal characters, so names often stay readable and the replaced ones sit among them.
            var pool = random.Next(4) == 0 ? Replaced : legal;
            name.Append(pool[random.Next(pool.Length)]);
        }

        return name.ToString();
    }
}
