using System.Globalization;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Demo;

/// <summary>
/// The BSON commands of the demo shop, written with the project's own <see cref="BsonWriter"/> and sent through
/// libmongoc's generic command path (<c>MongoClient.RunCommand</c>), as an application's data layer would.
/// </summary>
internal static class ShopCommands
{
    private const byte UuidSubtype = 4;

    public static byte[] InsertCustomer(string id, string name, string email, string city, long nowMs)
    {
        var bson = Start("insert", DemoTopics.Customers);
        bson.WriteStartArray("documents");
        bson.WriteStartDocument();
        bson.WriteString("_id", id);
        bson.WriteString("name", name);
        bson.WriteString("email", email);
        WriteAddress(bson, city, 1);
        bson.WriteInt32("orders", 0);
        bson.WriteDateTime("createdAt", nowMs);
        bson.WriteEndDocument();
        bson.WriteEndArray();
        return Finish(bson, null);
    }

    public static byte[] MoveCustomer(string id, string city, int streetNumber, long nowMs)
    {
        var bson = StartUpdate(DemoTopics.Customers);
        WriteIdFilter(bson, id);
        bson.WriteStartDocument("u");
        bson.WriteStartDocument("$set");
        WriteAddress(bson, city, streetNumber);
        bson.WriteDateTime("updatedAt", nowMs);
        bson.WriteEndDocument();
        bson.WriteEndDocument();
        return FinishUpdate(bson, null);
    }

    public static byte[] CountCustomerOrder(string id, TransactionStatement? transaction)
    {
        var bson = StartUpdate(DemoTopics.Customers);
        WriteIdFilter(bson, id);
        bson.WriteStartDocument("u");
        bson.WriteStartDocument("$inc");
        bson.WriteInt32("orders", 1);
        bson.WriteEndDocument();
        bson.WriteEndDocument();
        return FinishUpdate(bson, transaction);
    }

    public static byte[] InsertOrder(byte[] id, string customerId, int items, string total, OrderStatus status, long nowMs, TransactionStatement? transaction)
    {
        var bson = Start("insert", DemoTopics.Orders);
        bson.WriteStartArray("documents");
        bson.WriteStartDocument();
        bson.WriteObjectId("_id", id);
        bson.WriteString("customer", customerId);
        bson.WriteInt32("items", items);
        bson.WriteDecimal128("total", Decimal128Parser.Parse(total));
        bson.WriteString("status", StatusName(status));
        bson.WriteDateTime("placedAt", nowMs);
        bson.WriteEndDocument();
        bson.WriteEndArray();
        return Finish(bson, transaction);
    }

    public static byte[] SetOrderStatus(byte[] id, OrderStatus status, long nowMs)
    {
        var bson = StartUpdate(DemoTopics.Orders);
        bson.WriteStartDocument("q");
        bson.WriteObjectId("_id", id);
        bson.WriteEndDocument();
        bson.WriteStartDocument("u");
        bson.WriteStartDocument("$set");
        bson.WriteString("status", StatusName(status));
        bson.WriteDateTime(StatusName(status) + "At", nowMs);
        bson.WriteEndDocument();
        bson.WriteEndDocument();
        return FinishUpdate(bson, null);
    }

    public static byte[] DeleteOrder(byte[] id)
    {
        var bson = Start("delete", DemoTopics.Orders);
        bson.WriteStartArray("deletes");
        bson.WriteStartDocument();
        bson.WriteStartDocument("q");
        bson.WriteObjectId("_id", id);
        bson.WriteEndDocument();
        bson.WriteInt32("limit", 1);
        bson.WriteEndDocument();
        bson.WriteEndArray();
        return Finish(bson, null);
    }

    public static byte[] InsertPayment(byte[] id, byte[] orderId, string amount, string method, long nowMs, TransactionStatement? transaction)
    {
        var bson = Start("insert", DemoTopics.Payments);
        bson.WriteStartArray("documents");
        bson.WriteStartDocument();
        bson.WriteObjectId("_id", id);
        bson.WriteObjectId("order", orderId);
        bson.WriteDecimal128("amount", Decimal128Parser.Parse(amount));
        bson.WriteString("method", method);
        bson.WriteDateTime("paidAt", nowMs);
        bson.WriteEndDocument();
        bson.WriteEndArray();
        return Finish(bson, transaction);
    }

    /// <summary>Sent to the admin database, with the transaction's session fields (and no startTransaction).</summary>
    public static byte[] CommitTransaction(byte[] sessionId, long txnNumber)
    {
        var bson = new BsonWriter();
        bson.WriteStartDocument();
        bson.WriteInt32("commitTransaction", 1);
        return Finish(bson, new TransactionStatement(sessionId, txnNumber, Starts: false));
    }

    /// <summary>Sent to the admin database when a statement failed, so the session is free for the next transaction.</summary>
    public static byte[] AbortTransaction(byte[] sessionId, long txnNumber)
    {
        var bson = new BsonWriter();
        bson.WriteStartDocument();
        bson.WriteInt32("abortTransaction", 1);
        return Finish(bson, new TransactionStatement(sessionId, txnNumber, Starts: false));
    }

    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Placed => "placed",
        OrderStatus.Paid => "paid",
        OrderStatus.Shipped => "shipped",
        OrderStatus.Delivered => "delivered",
        OrderStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an order status"),
    };

    private static BsonWriter Start(string command, string collection)
    {
        var bson = new BsonWriter();
        bson.WriteStartDocument();
        bson.WriteString(command, collection);
        return bson;
    }

    private static BsonWriter StartUpdate(string collection)
    {
        var bson = Start("update", collection);
        bson.WriteStartArray("updates");
        bson.WriteStartDocument();
        return bson;
    }

    private static byte[] FinishUpdate(BsonWriter bson, TransactionStatement? transaction)
    {
        bson.WriteEndDocument();
        bson.WriteEndArray();
        return Finish(bson, transaction);
    }

    private static void WriteIdFilter(BsonWriter bson, string id)
    {
        bson.WriteStartDocument("q");
        bson.WriteString("_id", id);
        bson.WriteEndDocument();
    }

    private static void WriteAddress(BsonWriter bson, string city, int streetNumber)
    {
        bson.WriteStartDocument("address");
        bson.WriteString("street", string.Create(CultureInfo.InvariantCulture, $"{streetNumber} Market Street"));
        bson.WriteString("city", city);
        bson.WriteEndDocument();
    }

    private static byte[] Finish(BsonWriter bson, TransactionStatement? transaction)
    {
        if (transaction is { } statement)
        {
            bson.WriteStartDocument("lsid");
            bson.WriteBinary("id", UuidSubtype, statement.SessionId);
            bson.WriteEndDocument();
            bson.WriteInt64("txnNumber", statement.TxnNumber);
            if (statement.Starts)
            {
                bson.WriteBoolean("startTransaction", true);
            }

            bson.WriteBoolean("autocommit", false);
        }

        bson.WriteEndDocument();
        return bson.ToArray();
    }
}
