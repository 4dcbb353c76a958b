namespace Cdc.Schemas.Tests.Avro;

/// <summary>
/// Our own schemas and values for the live cross-check against avsc: each schema exercises Parsing Canonical Form rules
/// (full names, stripped attributes, attribute order, whitespace, escapes, integers); the values cover every type.
/// </summary>
internal static class AvroPeerCases
{
    private static readonly string[] PrimitiveNames = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];

    public static IReadOnlyList<KeyValuePair<string, string>> Schemas { get; } = BuildSchemas();

    /// <summary>A record with every primitive, a union of named types, an array, a map, an enum and a fixed.</summary>
    public const string ValueSchema = """
        {"type":"record","name":"Sample","namespace":"peer","fields":[
          {"name":"nothing","type":"null"},
          {"name":"flag","type":"boolean"},
          {"name":"count","type":"int"},
          {"name":"total","type":"long"},
          {"name":"ratio","type":"float"},
          {"name":"precise","type":"double"},
          {"name":"blob","type":"bytes"},
          {"name":"text","type":"string"},
          {"name":"suit","type":{"type":"enum","name":"Suit","symbols":["CLUBS","DIAMONDS","HEARTS","SPADES"]}},
          {"name":"digest","type":{"type":"fixed","name":"Digest","size":4}},
          {"name":"choice","type":["null","long","string","Suit","Digest",{"type":"record","name":"Point","fields":[{"name":"x","type":"int"},{"name":"y","type":"double"}]}]},
          {"name":"samples","type":{"type":"array","items":["null","int"]}},
          {"name":"counts","type":{"type":"array","items":"int"}},
          {"name":"labels","type":{"type":"map","values":"long"}},
          {"name":"points","type":{"type":"array","items":"Point"}}
        ]}
        """;

    public static IReadOnlyList<KeyValuePair<string, string>> Values { get; } =
    [
        new("empties", """
            {"nothing":null,"flag":false,"count":0,"total":"0","ratio":0,"precise":0,"blob":"","text":"","suit":"CLUBS",
             "digest":"AAAAAA==","choice":null,"samples":[],"counts":[],"labels":{},"points":[]}
            """),
        new("extremes", """
            {"nothing":null,"flag":true,"count":-2147483648,"total":"-9223372036854775808","ratio":3.4028234663852886E+38,
             "precise":-1.7976931348623157E+308,"blob":"AP8Afw==","text":"\u0000","suit":"SPADES","digest":"/////w==",
             "choice":{"long":"9223372036854775807"},"samples":[null,{"int":2147483647},null],"counts":[-2147483648],"labels":{"min":"-9223372036854775808","max":"9223372036854775807"},
             "points":[{"x":-1,"y":5E-324}]}
            """),
        new("boundaries-of-varints", """
            {"nothing":null,"flag":true,"count":63,"total":"-65","ratio":1.401298464324817E-45,"precise":0.1,"blob":"AQ==",
             "text":"a","suit":"DIAMONDS","digest":"AQIDBA==","choice":{"string":"caf\u00e9 \ud83d\ude00 \u4e2d"},
             "samples":[{"int":64}],"counts":[64,-64,8191,-8192,8192,1048576],"labels":{"k":"4294967296"},"points":[]}
            """),
        new("non-finite-floats", """
            {"nothing":null,"flag":false,"count":1,"total":"1","ratio":"NaN","precise":"-Infinity","blob":"","text":"x",
             "suit":"HEARTS","digest":"AAAAAA==","choice":{"peer.Suit":"HEARTS"},"samples":[],"counts":[],"labels":{},
             "points":[{"x":0,"y":"Infinity"},{"x":1,"y":"NaN"}]}
            """),
        new("named-branches", """
            {"nothing":null,"flag":true,"count":-1,"total":"123456789012","ratio":-2.5,"precise":1E+100,"blob":"3q2+7w==",
             "text":"quote \" backslash \\ tab \t","suit":"CLUBS","digest":"3q2+7w==","choice":{"peer.Point":{"x":7,"y":-0.5}},
             "samples":[null],"counts":[0],"labels":{"a":"1","b":"-1","c":"0"},"points":[{"x":1,"y":1},{"x":2,"y":2}]}
            """),
        new("fixed-branch", """
            {"nothing":null,"flag":false,"count":2,"total":"-2","ratio":0.5,"precise":2,"blob":"AA==","text":"\u007f",
             "suit":"DIAMONDS","digest":"AAECAw==","choice":{"peer.Digest":"BAUGBw=="},"samples":[{"int":-3},null],"counts":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70],
             "labels":{},"points":[]}
            """),
    ];

    private static List<KeyValuePair<string, string>> BuildSchemas()
    {
        var cases = new List<KeyValuePair<string, string>>();
        foreach (var name in PrimitiveNames)
        {
            cases.Add(new($"primitive-{name}-as-string", $"\"{name}\""));
            cases.Add(new($"primitive-{name}-as-object", $"{{\"type\":\"{name}\"}}"));
        }

        cases.AddRange(
        [
            new("primitive-with-logical-type-and-properties", """{"type":"long","logicalType":"timestamp-micros","connect.name":"ts"}"""),
            new("decimal-bytes", """{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}"""),
            new("uuid-string-spaced", """ { "logicalType" : "uuid" , "type" : "string" } """),
            new("empty-record", """{"type":"record","name":"Nothing","fields":[]}"""),
            new("namespace-inherited", """
                {"type":"record","name":"Order","namespace":"shop.v1","fields":[
                  {"name":"state","type":{"type":"enum","name":"State","symbols":["OPEN","SHUT"]}},
                  {"name":"line","type":{"type":"record","name":"Line","fields":[{"name":"qty","type":"int"},{"name":"state","type":"State"}]}},
                  {"name":"lines","type":{"type":"array","items":"Line"}},
                  {"name":"previous","type":"shop.v1.State"}]}
                """),
            new("namespace-overridden-and-reset", """
                {"type":"record","name":"Payment","namespace":"billing","fields":[
                  {"name":"hash","type":{"type":"fixed","name":"Hash","namespace":"crypto","size":32}},
                  {"name":"card","type":{"type":"record","name":"Card","namespace":"cards","fields":[
                    {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["DEBIT","CREDIT"]}},
                    {"name":"check","type":"crypto.Hash"}]}},
                  {"name":"plain","type":{"type":"record","name":"Plain","namespace":"","fields":[
                    {"name":"inner","type":{"type":"enum","name":"Inner","symbols":["X"]}},
                    {"name":"kind","type":"cards.Kind"},
                    {"name":"again","type":"Inner"}]}},
                  {"name":"hashes","type":{"type":"map","values":"crypto.Hash"}}]}
                """),
            new("full-name-in-name-overrides-namespace", """
                {"type":"record","name":"acme.core.Event","namespace":"ignored","fields":[
                  {"name":"at","type":{"type":"fixed","name":"other.Stamp","namespace":"also.ignored","size":8}},
                  {"name":"stamps","type":{"type":"array","items":"other.Stamp"}}]}
                """),
            new("docs-aliases-defaults-order-logical-types-stripped", """
                {"type":"record","name":"Annotated","namespace":"meta","doc":"A record.","aliases":["Old","x.Older"],"custom":{"k":[1,2]},
                 "fields":[
                  {"name":"id","type":"string","doc":"the id","default":"none","order":"descending","aliases":["key"]},
                  {"name":"when","type":{"type":"long","logicalType":"timestamp-millis"},"default":0,"order":"ignore"},
                  {"name":"tag","type":["null","string"],"default":null,"order":"ascending","extra":true},
                  {"name":"color","type":{"type":"enum","name":"Color","doc":"colours","aliases":["Colour"],"symbols":["RED","GREEN"],"default":"RED"},"default":"GREEN"},
                  {"name":"span","type":{"type":"fixed","name":"Span","size":12,"logicalType":"duration","doc":"d","aliases":["S"]}},
                  {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":4,"scale":1},"default":"\u0000"},
                  {"name":"nested","type":{"type":"record","name":"Nested","fields":[{"name":"n","type":"int","default":1}]},"default":{"n":2}},
                  {"name":"list","type":{"type":"array","items":"int","doc":"ignored","default":[]},"default":[1,2]},
                  {"name":"dict","type":{"type":"map","values":"double","note":"n"},"default":{"a":1.5}}]}
                """),
            new("enum", """{"type":"enum","name":"Level","namespace":"log","symbols":["TRACE","DEBUG","INFO","WARN","ERROR","_under","mixed9Case"]}"""),
            new("fixed-sizes", """
                {"type":"record","name":"Sizes","fields":[
                  {"name":"zero","type":{"type":"fixed","name":"Zero","size":0}},
                  {"name":"one","type":{"type":"fixed","name":"One","size":1}},
                  {"name":"big","type":{"type":"fixed","name":"Big","size":2147483647}},
                  {"name":"negativeZero","type":{"type":"fixed","name":"NegativeZero","size":-0}}]}
                """),
            new("arrays-and-maps-nested", """{"type":"array","items":{"type":"map","values":{"type":"array","items":{"type":"map","values":["null","bytes"]}}}}"""),
            new("map-of-primitive-object-form", """{"values":{"type":"float"},"type":"map"}"""),
            new("union-of-inline-named-types", """
                ["null",
                 {"type":"record","name":"Circle","namespace":"geo","fields":[{"name":"r","type":"double"}]},
                 {"type":"enum","name":"Shape","namespace":"geo","symbols":["SQUARE"]},
                 {"type":"fixed","name":"Raw","size":3},
                 {"type":"array","items":["geo.Circle","Raw"]},
                 {"type":"map","values":["null","geo.Shape"]}]
                """),
            new("nested-unions-in-records", """
                {"type":"record","name":"Envelope","namespace":"n","fields":[
                  {"name":"payload","type":["null",{"type":"record","name":"A","fields":[{"name":"b","type":["null",{"type":"record","name":"B","fields":[{"name":"a","type":["null","A"]}]}]}]}]},
                  {"name":"others","type":{"type":"array","items":["B","A"]}}]}
                """),
            new("recursive-list", """{"type":"record","name":"Cell","fields":[{"name":"head","type":"int"},{"name":"tail","type":["null","Cell"]}]}"""),
            new("recursive-tree-through-array-and-map", """
                {"type":"record","name":"Tree","namespace":"t","fields":[
                  {"name":"children","type":{"type":"array","items":"Tree"}},
                  {"name":"byName","type":{"type":"map","values":"t.Tree"}}]}
                """),
            new("named-type-reused-by-reference", """
                {"type":"record","name":"Trip","namespace":"travel","fields":[
                  {"name":"from","type":{"type":"record","name":"Place","fields":[{"name":"code","type":{"type":"fixed","name":"Code","size":3}}]}},
                  {"name":"to","type":"Place"},
                  {"name":"via","type":{"type":"array","items":"travel.Place"}},
                  {"name":"alternatives","type":{"type":"map","values":["null","Place"]}},
                  {"name":"code","type":"Code"}]}
                """),
            new("attributes-in-unusual-order", """
                {"fields":[{"type":{"size":2,"type":"fixed","name":"Two"},"name":"two"},
                           {"type":{"symbols":["Y","N"],"name":"YesNo","type":"enum"},"name":"yn"},
                           {"type":{"items":"Two","type":"array"},"name":"twos"}],
                 "namespace":"order","name":"Shuffled","type":"record"}
                """),
            new("whitespace-everywhere", "\t{\r\n  \"type\" :\t\"record\" ,\n\"name\"\n:\r\n\"Spaced\",  \"fields\" : [ { \"name\" : \"a\" , \"type\" : [ \"null\" ,\t\"int\" ] } ,\n { \"name\":\"b\",\"type\":{ \"type\" : \"map\" , \"values\" : \"string\" } } ] }\n"),
            new("escapes-in-names-and-docs", """
                {"type":"record","name":"\u0045scaped","namespace":"a\u002eb","doc":"\"quoted\" \\ \/ \b\f\n\r\t caf\u00e9 \ud83d\ude00 \u0000",
                 "fields":[{"name":"f\u005f1","doc":"\u2028","type":{"type":"enum","name":"E","symbols":["\u0041","B\u0031"]}}]}
                """),
        ]);
        return cases;
    }
}
