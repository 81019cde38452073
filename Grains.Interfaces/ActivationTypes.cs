namespace Kusabi.Grains.Interfaces;

/// <summary>The pre key as read from the chain by the endpoint (active, or already consumed).</summary>
[GenerateSerializer, Immutable, Alias("Kusabi.PreKeySnapshot")]
public sealed record PreKeySnapshot(
    [property: Id(0)] string PreId,
    [property: Id(1)] byte[] PublicKey,
    [property: Id(2)] bool Consumed);

/// <summary>Step 2's answer: the HPKE encapsulated key and the sealed session grant.</summary>
[GenerateSerializer, Immutable, Alias("Kusabi.SessionOffer")]
public sealed record SessionOffer(
    [property: Id(0)] byte[] Enc,
    [property: Id(1)] byte[] Sealed,
    [property: Id(2)] DateTimeOffset ExpiresAt);

[GenerateSerializer, Alias("Kusabi.DevicePhase")]
public enum DevicePhase
{
    /// <summary>Shipped; no activation attempt seen.</summary>
    Factory,
    /// <summary>An activation started and has not been confirmed yet.</summary>
    Activating,
    Active,
    /// <summary>An operator revoked the device's keys; it can no longer authenticate.</summary>
    Revoked,
}
