using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// An act key received in step 4 but not yet confirmed (the device's "Granted" state, protocol
/// §9). Stored with the pre key, so that a device that crashed after sending step 5 can send the
/// identical step 5 again instead of losing the key the server may already consider active.
/// </summary>
public sealed record ActivationGrant(byte[] SessionId, KusabiId ActId, byte[] ActPrivateKey)
{
    public string? FindProblem()
    {
        if (SessionId.Length != Kusabi.Protocol.Activation.ActivationCrypto.SessionIdSize)
            return $"'grantedSessionId' must be {Kusabi.Protocol.Activation.ActivationCrypto.SessionIdSize} bytes; got {SessionId.Length}.";
        return DeviceBundleRules.FindKeyProblem("grantedActId", ActId, "grantedActPrivateKey", ActPrivateKey);
    }

    // Records print every property; this one holds a private key.
    public override string ToString() => $"ActivationGrant {ActId}";
}
