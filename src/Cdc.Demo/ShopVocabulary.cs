using System.Globalization;

namespace Cdc.Demo;

/// <summary>The words the shop's documents are made of, shared by the workload and the seeded shop so both write the same shapes.</summary>
internal static class ShopVocabulary
{
    public static IReadOnlyList<string> Cities { get; } = ["Lisbon", "Oslo", "Kyoto", "Recife", "Tallinn", "Accra", "Montréal", "Zürich", "Hobart", "Cusco"];

    public static IReadOnlyList<string> FirstNames { get; } = ["Zoë", "Ana", "Kenji", "Ola", "Amara", "Luís", "Mei", "Noah", "Ines", "Tomás"];

    public static IReadOnlyList<string> PaymentMethods { get; } = ["card", "transfer", "wallet"];

    /// <summary>The id of the <paramref name="number"/>th customer to sign up: "c-00042".</summary>
    public static string CustomerId(int number) => string.Create(CultureInfo.InvariantCulture, $"c-{number:D5}");

    public static string Email(string firstName, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{firstName.ToLowerInvariant()}.{number}@example.com");

    public static ShopAddress Address(string city, int streetNumber) => new()
    {
        Street = string.Create(CultureInfo.InvariantCulture, $"{streetNumber} Market Street"),
        City = city,
    };

    /// <summary><paramref name="time"/> cut to the millisecond a BSON date keeps.</summary>
    public static DateTime ToMilliseconds(DateTime time) =>
        DateTime.UnixEpoch.AddMilliseconds(new DateTimeOffset(time.ToUniversalTime()).ToUnixTimeMilliseconds());
}
