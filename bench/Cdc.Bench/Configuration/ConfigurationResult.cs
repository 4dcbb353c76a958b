using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cdc.Bench.Configuration;

/// <summary>The config benchmark's figures, printed as one JSON line.</summary>
internal sealed record ConfigurationResult(int Validations, double MsPerValidation, double FirstValidationMs)
{
    public string ToJsonLine()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", "config");
            json.WriteNumber("validations", Validations);
            json.WriteNumber("msPerValidation", Math.Round(MsPerValidation, 2));
            json.WriteNumber("firstValidationMs", Math.Round(FirstValidationMs, 1));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
