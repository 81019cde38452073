namespace Kusabi.Protocol.Crypto;

/// <summary>A single-shot HPKE message: the enc to decapsulate and the ciphertext (with tag).</summary>
public sealed record HpkeSealedMessage(byte[] EncapsulatedKey, byte[] Ciphertext);
