using Kusabi.Protocol.Identity;

namespace Kusabi.Chain.Model;

/// <summary>Base of every error the chain layer raises; the contract's custom errors map to subclasses.</summary>
public class ChainException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The node could not be reached or kept failing; the operation may be retried later.</summary>
public sealed class ChainUnavailableException(string message, Exception? inner = null) : ChainException(message, inner);

/// <summary>The node refused a transaction for a reason that retrying will not fix.</summary>
public sealed class ChainRejectedException(string message, Exception? inner = null) : ChainException(message, inner);

/// <summary>A contract revert this layer has no typed mapping for.</summary>
public sealed class ContractRevertException(string data) : ChainException($"The registry reverted with unrecognised data {data}.");

public sealed class NotAdminException(string caller) : ChainException($"Account {caller} is not the registry admin.");

public sealed class NotMemberException(string caller) : ChainException($"Account {caller} is not a consortium member.");

public sealed class ZeroAddressException() : ChainException("The zero address is not a valid account.");

/// <summary>Errors about one key carry its kusabi-ID so a batch can tell whose entry failed.</summary>
public abstract class KeyException(KusabiId id, string message) : ChainException(message)
{
    public KusabiId Id { get; } = id;
}

public sealed class InvalidKeyException(KusabiId id) : KeyException(id, $"Key {id} is malformed (zero ID or key, no purpose or algorithm, or a device reference that does not fit its purpose).");

public sealed class KeyConflictException(KusabiId id) : KeyException(id, $"Key {id} is already registered with different content.");

public sealed class UnknownKeyException(KusabiId id) : KeyException(id, $"Key {id} is not registered.");

public sealed class InvalidTransitionException(KusabiId id, KeyStatus current, KeyStatus requested)
    : KeyException(id, $"Key {id} is {current} and cannot become {requested}.")
{
    public KeyStatus Current { get; } = current;
    public KeyStatus Requested { get; } = requested;
}

public sealed class WrongPurposeException(KusabiId id, KeyPurpose actual, KeyPurpose expected)
    : KeyException(id, $"Key {id} is a {actual} key, not a {expected} key.")
{
    public KeyPurpose Actual { get; } = actual;
    public KeyPurpose Expected { get; } = expected;
}

public sealed class VersionNotIncreasingException(string product, ulong latest, ulong offered)
    : ChainException($"Release version {offered} of {product} is not above the anchored version {latest}.")
{
    public ulong Latest { get; } = latest;
    public ulong Offered { get; } = offered;
}
