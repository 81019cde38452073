namespace Kusabi.Protocol.Crypto;

/// <summary>The result of a KEM Encap: the secret both sides will share, and the enc to send.</summary>
public sealed record KemEncapsulation(byte[] SharedSecret, byte[] EncapsulatedKey);
