using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// The bundle file's JSON shape: text exactly as stored, so that reading can report each field's
/// problem precisely before anything is converted. Unknown fields are refused (they are typos).
/// </summary>
internal sealed class DeviceBundleDocument
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string? DeviceRef { get; set; }

    public string? ServerUrl { get; set; }

    public long? ChainId { get; set; }

    public string? ContractAddress { get; set; }

    public string? PreId { get; set; }

    public string? PrePrivateKey { get; set; }

    public string? GrantedSessionId { get; set; }

    public string? GrantedActId { get; set; }

    public string? GrantedActPrivateKey { get; set; }

    public string? ActId { get; set; }

    public string? ActPrivateKey { get; set; }
}
