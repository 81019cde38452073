namespace Kusabi.Protocol.Crypto;

/// <summary>The outputs of the HPKE key schedule (RFC 9180 §5.1), kept for the contexts and the vector tests.</summary>
internal sealed record HpkeKeyMaterial(
    byte[] KeyScheduleContext,
    byte[] Secret,
    byte[] Key,
    byte[] BaseNonce,
    byte[] ExporterSecret);
