namespace Kusabi.Chain.Model;

/// <summary>On-chain status of a key; values match the contract's <c>Status</c> enum.</summary>
public enum KeyStatus : byte
{
    None = 0,
    Active = 1,
    Consumed = 2,
    Revoked = 3,
}
