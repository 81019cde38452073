using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;

namespace Kusabi.Grains.Updates;

/// <summary>
/// Replay protection for device-signed requests: a timestamp within the window and a nonce not seen
/// inside it. Nonces live in memory; requests signed before this grain activation (less a small
/// grace) are refused, so a deactivation cannot reopen the window for a captured request.
/// </summary>
internal sealed class RequestAdmission(TimeProvider time, TimeSpan window)
{
    private static readonly TimeSpan s_activationGrace = TimeSpan.FromSeconds(5);
    private readonly DateTimeOffset _floor = time.GetUtcNow() - s_activationGrace;
    private readonly Dictionary<string, long> _seen = [];

    public Failure? Admit(long timestampMs, byte[] nonce)
    {
        var now = time.GetUtcNow();
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(timestampMs, 0, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
        if (signedAt < now - window || signedAt > now + window)
            return new Failure(ProblemCodes.StaleRequest, $"The request was signed at {signedAt:O}; the server's time is {now:O} and the window ±{window.TotalSeconds:0} s.");
        if (signedAt < _floor)
            return new Failure(ProblemCodes.StaleRequest, "The request was signed before the device's session on this server began; sign it again.");
        Prune(now);
        return _seen.TryAdd(Convert.ToHexString(nonce), timestampMs)
            ? null
            : new Failure(ProblemCodes.ReplayedRequest, "This request nonce was already used.");
    }

    private void Prune(DateTimeOffset now)
    {
        if (_seen.Count < 256) return;
        var oldest = (now - window).ToUnixTimeMilliseconds();
        foreach (var (nonce, at) in _seen.ToList())
            if (at < oldest) _seen.Remove(nonce);
    }
}
