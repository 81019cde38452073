namespace Kusabi.Chain.Model;

/// <summary>Reason codes stored with a status change; values match the contract's REASON_* constants.</summary>
public enum RevocationReason : byte
{
    Unspecified = 0,
    Compromised = 1,
    Undelivered = 2,
    Superseded = 3,
    Decommissioned = 4,
    CloneSuspected = 5,
    Activated = 6,
}
