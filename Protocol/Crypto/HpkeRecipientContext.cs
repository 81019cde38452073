namespace Kusabi.Protocol.Crypto;

/// <summary>The recipient side of an HPKE base-mode exchange: opens messages in the order they were sealed.</summary>
public sealed class HpkeRecipientContext : HpkeContext
{
    internal HpkeRecipientContext(HpkeAead aead, HpkeKeyMaterial keyMaterial)
        : base(aead, keyMaterial)
    {
    }

    /// <summary>
    /// Opens the next message. A failure leaves the sequence number unchanged, so a forged or
    /// corrupted message does not desynchronise the context.
    /// </summary>
    /// <exception cref="CryptoOpenException">The message does not authenticate.</exception>
    public byte[] Open(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext)
    {
        var plaintext = AeadCipher.Open(Aead, KeyMaterial.Key, CurrentNonce(), associatedData, ciphertext);
        SequenceNumber++;
        return plaintext;
    }
}
