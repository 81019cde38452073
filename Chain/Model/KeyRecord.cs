using Kusabi.Protocol.Identity;

namespace Kusabi.Chain.Model;

/// <summary>A key as the registry holds it.</summary>
public sealed record KeyRecord(
    KusabiId Id,
    KeyPurpose Purpose,
    KeyAlgorithm Algorithm,
    byte[] PublicKey,
    DeviceRef? Device,
    string Registrar,
    KeyStatus Status,
    RevocationReason Reason,
    long RegisteredBlock,
    long StatusBlock)
{
    public bool IsActive => Status == KeyStatus.Active;
}
