using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// Everything one device knows about itself: who it is, which server it talks to, and exactly one
/// private key — the X25519 pre key until activation, the Ed25519 act key after. Keeping both
/// states in one type lets the device replace the pre key only once the act key is confirmed.
/// Read and written by <see cref="DeviceBundleFile"/>.
/// </summary>
public sealed record DeviceBundle
{
    public required DeviceRef DeviceRef { get; init; }

    public required Uri ServerUrl { get; init; }

    public long? ChainId { get; init; }

    public string? ContractAddress { get; init; }

    public KusabiId? PreId { get; init; }

    /// <summary>Raw 32-byte X25519 private key; present only before activation.</summary>
    public byte[]? PrePrivateKey { get; init; }

    public KusabiId? ActId { get; init; }

    /// <summary>Raw 32-byte Ed25519 seed; present only after activation.</summary>
    public byte[]? ActPrivateKey { get; init; }

    /// <summary>Step 4's act key awaiting confirmation; only beside a pre key.</summary>
    public ActivationGrant? Grant { get; init; }

    public bool IsActivated => ActId is not null;

    public static DeviceBundle ForPreKey(
        DeviceRef device, Uri serverUrl, KusabiId preId, byte[] prePrivateKey, long? chainId = null, string? contractAddress = null) =>
        new()
        {
            DeviceRef = device,
            ServerUrl = serverUrl,
            ChainId = chainId,
            ContractAddress = contractAddress,
            PreId = preId,
            PrePrivateKey = prePrivateKey.ToArray(),
        };

    /// <summary>The activated bundle: the act key replaces the pre key, which is dropped.</summary>
    public DeviceBundle WithActKey(KusabiId actId, ReadOnlySpan<byte> actSeed) =>
        this with { PreId = null, PrePrivateKey = null, Grant = null, ActId = actId, ActPrivateKey = actSeed.ToArray() };

    /// <summary>Null when the bundle is consistent, otherwise what is wrong (never a key's value).</summary>
    public string? FindProblem()
    {
        if (!DeviceBundleRules.IsServerUrl(ServerUrl)) return $"'serverUrl' must be an absolute http:// or https:// URL; got '{ServerUrl}'.";
        if (ChainId is <= 0) return $"'chainId' must be a positive integer; got {ChainId}.";
        if (ContractAddress is not null && !DeviceBundleRules.IsContractAddress(ContractAddress))
            return $"'contractAddress' must be 0x followed by 40 hexadecimal characters; got '{ContractAddress}'.";
        var hasPre = PreId is not null || PrePrivateKey is not null;
        var hasAct = ActId is not null || ActPrivateKey is not null;
        if (hasPre && hasAct)
            return "The bundle holds both a pre key and an act key; it must be either pre-activation (preId, prePrivateKey) or activated (actId, actPrivateKey).";
        if (!hasPre && !hasAct)
            return "The bundle holds neither a pre key (preId, prePrivateKey) nor an act key (actId, actPrivateKey).";
        if (hasAct && Grant is not null) return "An activated bundle cannot hold an unconfirmed grant (grantedActId, grantedActPrivateKey, grantedSessionId).";
        return hasPre
            ? DeviceBundleRules.FindKeyProblem("preId", PreId, "prePrivateKey", PrePrivateKey) ?? Grant?.FindProblem()
            : DeviceBundleRules.FindKeyProblem("actId", ActId, "actPrivateKey", ActPrivateKey);
    }

    // Records print every property; this one holds private keys, so it prints only who it is.
    public override string ToString() => $"DeviceBundle {DeviceRef} ({(IsActivated ? "activated" : Grant is null ? "pre-activation" : "granted")})";
}
