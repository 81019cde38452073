namespace Kusabi.DeviceClient.Device;

/// <summary>
/// What a simulated device runs: its product and hardware (fixed at manufacture) and the installed
/// release, if any (version 0 is the factory image). Stored as JSON by <see cref="SimulatedFirmware"/>.
/// </summary>
public sealed record FirmwareState
{
    public required string Product { get; init; }

    public required string Hardware { get; init; }

    public ulong Version { get; init; }

    /// <summary>SHA-256 (hex) of the installed artifact; null for the factory image.</summary>
    public string? ArtifactSha256 { get; init; }

    public long? ArtifactSize { get; init; }

    /// <summary>SHA-256 (hex) of the installed release's manifest bytes, as anchored on chain.</summary>
    public string? ManifestHash { get; init; }

    public string? DeploymentId { get; init; }

    public DateTimeOffset? InstalledAt { get; init; }

    /// <summary>Null when consistent, otherwise what is wrong.</summary>
    public string? FindProblem()
    {
        if (string.IsNullOrWhiteSpace(Product)) return "'product' is missing.";
        if (string.IsNullOrWhiteSpace(Hardware)) return "'hardware' is missing.";
        if (Version == 0) return ArtifactSha256 is null && ManifestHash is null ? null : "the factory image (version 0) has no artifact or manifest hash.";
        if (ArtifactSha256 is not { Length: 64 } || !IsHex(ArtifactSha256)) return "'artifactSha256' must be 64 hexadecimal characters.";
        if (ManifestHash is not { Length: 64 } || !IsHex(ManifestHash)) return "'manifestHash' must be 64 hexadecimal characters.";
        return ArtifactSize is > 0 ? null : "'artifactSize' must be positive.";
    }

    public override string ToString() => Version == 0 ? $"{Product}/{Hardware} factory image" : $"{Product}/{Hardware} v{Version} ({ArtifactSha256})";

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}
