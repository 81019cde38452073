namespace Kusabi.Protocol.Identity;

/// <summary>
/// What a registered key is for. The values match <c>KeyRegistry.Purpose</c> in
/// contracts/KeyRegistry.sol (0 is the contract's "None") and are hashed into every <see cref="KusabiId"/>.
/// </summary>
public enum KeyPurpose : byte
{
    /// <summary>Pre-provisioning key.</summary>
    Pre = 1,

    /// <summary>Activation key.</summary>
    Act = 2,

    /// <summary>Attestation / artifact key.</summary>
    Art = 3,
}
