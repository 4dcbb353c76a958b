using System.Runtime.InteropServices;

namespace Cdc.Connector.Interop.Mongoc;

/// <summary>
/// The parts of libmongoc / libbson 1.23 (Debian's <c>libmongoc-1.0-0</c>, <c>libbson-1.0-0</c>) the connector calls.
/// Signatures follow the 1.23.1 headers. The library names are logical: <see cref="MongocLibraries"/> maps them to the
/// sonames, because the unversioned <c>libmongoc-1.0.so</c> exists only with the -dev package.
/// </summary>
/// <remarks>
/// Every pointer libmongoc returns that it keeps owning (a reply <c>bson_t*</c> of a stream, the resume token) is a raw
/// pointer here, read through spans and never freed by a marshaller. C <c>bool</c> is one byte.
/// </remarks>
internal static unsafe partial class LibMongoc
{
    public const string Mongoc = "mongoc";

    public const string Bson = "bson";

    /// <summary><c>sizeof(bson_t)</c> and its alignment: a caller-provided reply is a stack-style <c>bson_t</c>.</summary>
    public const int BsonStructSize = 128;

    [LibraryImport(Mongoc)]
    public static partial void mongoc_init();

    /// <summary>void mongoc_log_set_handler(mongoc_log_func_t, void *user_data); the handler is
    /// (mongoc_log_level_t level, const char *domain, const char *message, void *user_data).</summary>
    [LibraryImport(Mongoc)]
    public static partial void mongoc_log_set_handler(delegate* unmanaged[Cdecl]<int, byte*, byte*, void*, void> handler, void* userData);

    [LibraryImport(Mongoc, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint mongoc_uri_new_with_error(string uri, BsonError* error);

    [LibraryImport(Mongoc)]
    public static partial nint mongoc_uri_get_appname(nint uri);

    [LibraryImport(Mongoc)]
    public static partial void mongoc_uri_destroy(nint uri);

    [LibraryImport(Mongoc)]
    public static partial nint mongoc_client_new_from_uri_with_error(nint uri, BsonError* error);

    [LibraryImport(Mongoc, StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool mongoc_client_set_appname(MongocClientHandle client, string appName);

    [LibraryImport(Mongoc)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool mongoc_client_set_error_api(MongocClientHandle client, int version);

    [LibraryImport(Mongoc)]
    public static partial void mongoc_client_destroy(nint client);

    [LibraryImport(Mongoc, StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool mongoc_client_command_simple(
        MongocClientHandle client, string database, BsonHandle command, nint readPrefs, void* reply, BsonError* error);

    [LibraryImport(Mongoc)]
    public static partial nint mongoc_client_watch(MongocClientHandle client, BsonHandle pipeline, BsonHandle options);

    [LibraryImport(Mongoc, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint mongoc_client_get_database(MongocClientHandle client, string name);

    [LibraryImport(Mongoc)]
    public static partial void mongoc_database_destroy(nint database);

    [LibraryImport(Mongoc)]
    public static partial nint mongoc_database_watch(nint database, BsonHandle pipeline, BsonHandle options);

    [LibraryImport(Mongoc, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint mongoc_client_get_collection(MongocClientHandle client, string database, string collection);

    [LibraryImport(Mongoc)]
    public static partial void mongoc_collection_destroy(nint collection);

    [LibraryImport(Mongoc)]
    public static partial nint mongoc_collection_watch(nint collection, BsonHandle pipeline, BsonHandle options);

    [LibraryImport(Mongoc)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool mongoc_change_stream_next(MongocChangeStreamHandle stream, nint* document);

    [LibraryImport(Mongoc)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool mongoc_change_stream_error_document(MongocChangeStreamHandle stream, BsonError* error, nint* reply);

    [LibraryImport(Mongoc)]
    public static partial nint mongoc_change_stream_get_resume_token(MongocChangeStreamHandle stream);

    [LibraryImport(Mongoc)]
    public static partial void mongoc_change_stream_destroy(nint stream);

    [LibraryImport(Bson)]
    public static partial nint bson_new_from_data(byte* data, nuint length);

    [LibraryImport(Bson)]
    public static partial void bson_destroy(nint document);

    [LibraryImport(Bson)]
    public static partial byte* bson_get_data(nint document);

    /// <summary>A <c>bson_t*</c> libmongoc owns, as a span over its bytes (length from the document's own prefix).</summary>
    public static ReadOnlySpan<byte> View(nint document)
    {
        if (document == 0)
        {
            return [];
        }

        var data = bson_get_data(document);
        var length = *(int*)data;
        return new ReadOnlySpan<byte>(data, length);
    }
}
