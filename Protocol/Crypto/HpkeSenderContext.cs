namespace Kusabi.Protocol.Crypto;

/// <summary>The sender side of an HPKE base-mode exchange: seals messages in order.</summary>
public sealed class HpkeSenderContext : HpkeContext
{
    private readonly byte[] _encapsulatedKey;

    internal HpkeSenderContext(HpkeAead aead, HpkeKeyMaterial keyMaterial, byte[] encapsulatedKey)
        : base(aead, keyMaterial)
    {
        _encapsulatedKey = encapsulatedKey;
    }

    /// <summary>The enc value the recipient needs to set up its context; send it with the first message.</summary>
    public ReadOnlySpan<byte> EncapsulatedKey => _encapsulatedKey;

    /// <summary>Seals the next message; the output is ciphertext || 16-byte tag.</summary>
    public byte[] Seal(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext)
    {
        var ciphertext = AeadCipher.Seal(Aead, KeyMaterial.Key, CurrentNonce(), associatedData, plaintext);
        SequenceNumber++;
        return ciphertext;
    }
}
