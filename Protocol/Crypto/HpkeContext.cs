using System.Buffers.Binary;

namespace Kusabi.Protocol.Crypto;

/// <summary>
/// State shared by the HPKE sender and recipient contexts (RFC 9180 §5.2): the AEAD key, the base
/// nonce, the exporter secret and the message sequence number. Not thread-safe: the sequence
/// number must advance in the same order on both sides.
/// </summary>
public abstract class HpkeContext : IDisposable
{
    private bool _disposed;

    private protected HpkeContext(HpkeAead aead, HpkeKeyMaterial keyMaterial)
    {
        Aead = aead;
        KeyMaterial = keyMaterial;
    }

    public HpkeAead Aead { get; }

    /// <summary>How many messages this context has sealed or opened; it selects the next nonce.</summary>
    public ulong SequenceNumber { get; internal set; }

    internal HpkeKeyMaterial KeyMaterial { get; }

    /// <summary>Derives <paramref name="length"/> bytes bound to this context (RFC 9180 §5.3).</summary>
    public byte[] Export(ReadOnlySpan<byte> exporterContext, int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return HpkeKeySchedule.Export(Aead, KeyMaterial.ExporterSecret, exporterContext, length);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            HpkeKeySchedule.Wipe(KeyMaterial);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>base_nonce XOR I2OSP(seq, Nn): a distinct nonce per message without sending it.</summary>
    internal byte[] ComputeNonce(ulong sequenceNumber)
    {
        var nonce = KeyMaterial.BaseNonce.ToArray();
        var tail = nonce.AsSpan(nonce.Length - sizeof(ulong));
        BinaryPrimitives.WriteUInt64BigEndian(tail, BinaryPrimitives.ReadUInt64BigEndian(tail) ^ sequenceNumber);
        return nonce;
    }

    /// <summary>The nonce for the current message; refuses before the counter could wrap and repeat a nonce.</summary>
    private protected byte[] CurrentNonce()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (SequenceNumber == ulong.MaxValue)
        {
            throw new InvalidOperationException("This HPKE context has reached its message limit; set up a new one.");
        }

        return ComputeNonce(SequenceNumber);
    }
}
