using System.Security.Cryptography;

namespace Kusabi.Grains.Activation;

/// <summary>The one activation session of a device, held in grain memory only.</summary>
internal sealed class ActivationSession(byte[] id, byte[] key, string preId, DateTimeOffset expiresAt) : IDisposable
{
    public byte[] Id { get; } = id;
    public byte[] Key { get; } = key;
    public string PreId { get; } = preId;
    public DateTimeOffset ExpiresAt { get; } = expiresAt;
    public HashSet<string> UsedNonces { get; } = [];

    public bool Matches(string preId, ReadOnlySpan<byte> sessionId) =>
        PreId == preId && CryptographicOperations.FixedTimeEquals(Id, sessionId);

    public void Dispose() => CryptographicOperations.ZeroMemory(Key);
}
