namespace Kusabi.DeviceClient.Device;

// The JSON bodies of POST /v1/factory/pre-keys. The server refuses unknown fields, so these carry
// exactly the documented names (camelCase on the wire).

/// <summary>One pre key: ID and device ref as 64 hex, the X25519 public key as base64url.</summary>
public sealed record FactoryKeyDto(string Id, string DeviceRef, string PublicKey);

public sealed record FactoryRegistrationRequest(IReadOnlyList<FactoryKeyDto> Keys);

/// <summary>Where one key landed on chain.</summary>
public sealed record FactoryRegisteredDto(string Id, long Block, string Transaction);

public sealed record FactoryRegistrationResponse(List<FactoryRegisteredDto>? Registered);
