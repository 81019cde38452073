namespace Kusabi.Protocol.Identity;

/// <summary>Key algorithms; the values match <c>KeyRegistry.Algorithm</c> in contracts/KeyRegistry.sol (0 is "None").</summary>
public enum KeyAlgorithm : byte
{
    X25519 = 1,
    Ed25519 = 2,
}
