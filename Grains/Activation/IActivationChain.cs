namespace Kusabi.Grains.Activation;

/// <summary>The registry writes activation needs; each completes when the change is in a mined block.</summary>
public interface IActivationChain
{
    Task<ChainWrite> RegisterActKeyAsync(string actId, byte[] publicKey, string deviceRef);

    /// <summary>Consumes the pre key; consuming one that is already consumed is reported, not thrown.</summary>
    Task<ChainWrite> ConsumePreKeyAsync(string preId);

    /// <summary>Revokes an act key that was never delivered; an unknown or already-final key is reported, not thrown.</summary>
    Task<ChainWrite> RevokeUndeliveredAsync(string actId);
}

public enum ChainWriteResult
{
    Done,
    /// <summary>Already in the requested state (e.g. consumed before a crash lost our record of it).</summary>
    AlreadyDone,
    /// <summary>The key is not on chain (a crash happened before its registration was sent).</summary>
    NotFound,
}

public sealed record ChainWrite(ChainWriteResult Result, string? Transaction = null, long? Block = null);
