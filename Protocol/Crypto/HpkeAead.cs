namespace Kusabi.Protocol.Crypto;

/// <summary>HPKE AEAD identifiers (RFC 9180 §7.3). The values are the wire ids.</summary>
public enum HpkeAead : ushort
{
    Aes128Gcm = 0x0001,
    Aes256Gcm = 0x0002,
    ChaCha20Poly1305 = 0x0003,
}
