using MongoDB.Bson;

namespace Cdc.Connector.MongoDb;

/// <summary>
/// MongoDB's comparison order across BSON types (the manual's "Comparison/Sort Order"), as groups of <c>$type</c> numbers
/// whose values compare with each other. A range operator such as <c>$gt</c> only matches within the operand's group
/// ("type bracketing"), so keyset pagination over <c>_id</c>s of several types must move on to the later groups by type.
/// </summary>
internal static class BsonTypeBrackets
{
    private static readonly int[][] Order =
    [
        [-1],              // MinKey
        [6],               // undefined
        [10],              // null
        [1, 16, 18, 19],   // numbers: double, int, long, decimal
        [2, 14],           // string, symbol
        [3],               // object
        [4],               // array
        [5],               // binData
        [7],               // objectId
        [8],               // bool
        [9],               // date
        [17],              // timestamp
        [11],              // regex
        [12],              // dbPointer
        [13],              // javascript
        [15],              // javascriptWithScope
        [127],             // MaxKey
    ];

    /// <summary>The <c>$type</c> numbers of every group after the one <paramref name="type"/> belongs to, in order.</summary>
    public static BsonArray TypesAfter(BsonType type)
    {
        var number = type switch
        {
            BsonType.MinKey => -1,
            BsonType.MaxKey => 127,
            _ => (int)type,
        };
        var group = Array.FindIndex(Order, bracket => Array.IndexOf(bracket, number) >= 0);
        var later = new BsonArray();
        for (var i = group + 1; i < Order.Length; i++)
        {
            foreach (var code in Order[i])
            {
                later.Add(code);
            }
        }

        return later;
    }
}
