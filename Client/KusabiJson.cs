using System.Text.Json;

namespace Kusabi.Client;

/// <summary>The wire JSON settings: camelCase names, as the server's web defaults use.</summary>
public static class KusabiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
