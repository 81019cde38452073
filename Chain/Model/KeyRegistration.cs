using Kusabi.Protocol.Identity;

namespace Kusabi.Chain.Model;

/// <summary>A public key to put on chain. Art keys have no device reference.</summary>
public sealed record KeyRegistration(
    KusabiId Id,
    KeyPurpose Purpose,
    KeyAlgorithm Algorithm,
    byte[] PublicKey,
    DeviceRef? Device);
