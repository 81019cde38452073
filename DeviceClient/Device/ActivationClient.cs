using System.Diagnostics;
using System.Security.Cryptography;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// The device side of activation (docs/protocol.md): open a session with the pre key, receive the
/// act key under the session key, prove possession by signing the transcript. Recovery follows
/// protocol §10: a lost or superseded session starts again at step 1 (bounded), and the pre key
/// stays until step 5 succeeds.
/// </summary>
public sealed class ActivationClient
{
    public const int DefaultMaxRounds = 5;
    public const string SessionsPath = "v1/activation/sessions";
    public const string ActKeyPath = "v1/activation/act-key";
    public const string ConfirmPath = "v1/activation/confirm";

    private readonly KusabiApiClient _api;
    private readonly int _maxRounds;

    public ActivationClient(KusabiApiClient api, int maxRounds = DefaultMaxRounds)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRounds, 1);
        _api = api;
        _maxRounds = maxRounds;
    }

    /// <summary>
    /// Called with the "Granted" bundle (pre key plus the unconfirmed act key) before step 5, so a
    /// device with storage can persist it: if step 5's answer is lost in a crash, activating that
    /// bundle resends the identical step 5 instead of losing an act key the server accepted.
    /// </summary>
    public Func<DeviceBundle, CancellationToken, Task>? OnGranted { get; init; }

    /// <exception cref="ArgumentException">The bundle is already activated.</exception>
    /// <exception cref="KusabiApiException">The server refused (after any restarts).</exception>
    /// <exception cref="KusabiUnreachableException">The server could not be reached.</exception>
    /// <exception cref="KusabiProtocolException">The server's answer did not verify.</exception>
    public async Task<ActivationResult> ActivateAsync(DeviceBundle bundle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.IsActivated || bundle.PreId is not { } preId || bundle.PrePrivateKey is not { } preKey)
            throw new ArgumentException($"Device {bundle.DeviceRef} is already activated (act ID {bundle.ActId}); it has no pre key to activate with.", nameof(bundle));

        var started = Stopwatch.GetTimestamp();
        if (bundle.Grant is { } grant)
        {
            try
            {
                // Resend the identical step 5: the server answers 200 again if the first one got through.
                await ConfirmAsync(preId, grant.SessionId, grant.ActId, grant.ActPrivateKey, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started);
                return new ActivationResult(bundle.WithActKey(grant.ActId, grant.ActPrivateKey), new ActivationTimings(TimeSpan.Zero, TimeSpan.Zero, elapsed, elapsed), 1);
            }
            catch (Exception e) when (StartsAgain(e))
            {
                bundle = bundle with { Grant = null };
            }
        }

        using var preKeyPair = X25519KeyPair.Import(preKey);
        for (var round = 1; ; round++)
        {
            try
            {
                var (actId, actSeed, begin, actKey, confirm) = await RunRoundAsync(bundle, preId, preKeyPair, cancellationToken);
                try
                {
                    var timings = new ActivationTimings(begin, actKey, confirm, Stopwatch.GetElapsedTime(started));
                    return new ActivationResult(bundle.WithActKey(actId, actSeed), timings, round);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(actSeed);
                }
            }
            catch (Exception e) when (StartsAgain(e) && round < _maxRounds)
            {
                // Protocol §10: when in doubt, start again at step 1; the pre key is still ours.
            }
        }
    }

    /// <summary>The failures after which protocol §10 says to discard the session and start again at step 1.</summary>
    public static bool StartsAgain(Exception error) => error switch
    {
        KusabiApiException api => api.IsSessionLost || api.Code is ProblemCodes.ReplayedRequest or ProblemCodes.ActKeyMismatch,
        KusabiProtocolException protocol => protocol.StartAgain,
        _ => false,
    };

    private async Task<(KusabiId ActId, byte[] ActSeed, TimeSpan Begin, TimeSpan ActKey, TimeSpan Confirm)> RunRoundAsync(
        DeviceBundle bundle, KusabiId preId, X25519KeyPair preKey, CancellationToken cancellationToken)
    {
        var t0 = Stopwatch.GetTimestamp();
        var (sessionId, sessionKey) = await BeginAsync(preId, preKey, cancellationToken);
        var t1 = Stopwatch.GetTimestamp();
        KusabiId actId;
        byte[] actSeed;
        try
        {
            (actId, actSeed) = await RequestActKeyAsync(preId, sessionId, sessionKey, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
        try
        {
            var t2 = Stopwatch.GetTimestamp();
            if (OnGranted is not null) await OnGranted(bundle with { Grant = new ActivationGrant(sessionId, actId, actSeed.ToArray()) }, cancellationToken);
            await ConfirmAsync(preId, sessionId, actId, actSeed, cancellationToken);
            var t3 = Stopwatch.GetTimestamp();
            return (actId, actSeed, Stopwatch.GetElapsedTime(t0, t1), Stopwatch.GetElapsedTime(t1, t2), Stopwatch.GetElapsedTime(t2, t3));
        }
        catch
        {
            CryptographicOperations.ZeroMemory(actSeed);
            throw;
        }
    }

    /// <summary>Steps 1–2: the server seals (session ID ‖ session key) to the pre public key.</summary>
    private async Task<(byte[] SessionId, byte[] SessionKey)> BeginAsync(KusabiId preId, X25519KeyPair preKey, CancellationToken cancellationToken)
    {
        var offer = await _api.PostAsync<BeginActivationResponse>(SessionsPath, new BeginActivationRequest(preId.ToString()), cancellationToken);
        var enc = WireField.Bytes(offer.Enc, "begin-activation", "enc");
        var sealedGrant = WireField.Bytes(offer.Sealed, "begin-activation", "sealed");
        byte[] grant;
        try
        {
            grant = Hpke.OpenBase(ActivationCrypto.Aead, enc, preKey, ActivationCrypto.HpkeInfo(preId), [], sealedGrant);
        }
        catch (CryptographicException e)
        {
            throw new KusabiProtocolException("The session grant does not open with this device's pre key.", e);
        }
        try
        {
            return ActivationCrypto.ParseSessionGrant(grant);
        }
        catch (CryptoOpenException e)
        {
            throw new KusabiProtocolException("The session grant has the wrong length.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(grant);
        }
    }

    /// <summary>Steps 3–4: a fresh nonce per attempt (never reuse one, §10), answered by the sealed act grant.</summary>
    private async Task<(KusabiId ActId, byte[] ActSeed)> RequestActKeyAsync(KusabiId preId, byte[] sessionId, byte[] sessionKey, CancellationToken cancellationToken)
    {
        byte[] nonce = [];
        var requestAad = ActivationCrypto.ActRequestAad(sessionId);
        var response = await _api.PostAsync<ActKeyResponse>(ActKeyPath, () =>
        {
            nonce = RandomNumberGenerator.GetBytes(ActivationCrypto.RequestNonceSize);
            return new ActKeyRequest(preId.ToString(), Base64Url.Encode(sessionId), Base64Url.Encode(SessionCipher.Seal(sessionKey, nonce, requestAad)));
        }, cancellationToken);

        byte[] grant;
        try
        {
            grant = SessionCipher.Open(sessionKey, WireField.Bytes(response.Sealed, "act-key", "sealed"), ActivationCrypto.ActGrantAad(sessionId, nonce));
        }
        catch (CryptoOpenException e)
        {
            throw new KusabiProtocolException("The act grant does not open under the session key for this request.", e) { StartAgain = true };
        }
        try
        {
            var (actId, seed) = ActivationCrypto.ParseActGrant(grant);
            if (actId != default) return (actId, seed);
            CryptographicOperations.ZeroMemory(seed);
            throw new KusabiProtocolException("The act grant carries an all-zero act ID.") { StartAgain = true };
        }
        catch (CryptoOpenException e)
        {
            throw new KusabiProtocolException("The act grant has the wrong length.", e) { StartAgain = true };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(grant);
        }
    }

    /// <summary>Step 5: sign label ‖ session ID ‖ pre ID ‖ act ID ‖ act public key; Ed25519 is deterministic, so a resend is identical.</summary>
    private async Task ConfirmAsync(KusabiId preId, byte[] sessionId, KusabiId actId, byte[] actSeed, CancellationToken cancellationToken)
    {
        string signature;
        using (var actKey = Ed25519KeyPair.Import(actSeed))
        {
            signature = Base64Url.Encode(actKey.Sign(ActivationCrypto.ConfirmTranscript(sessionId, preId, actId, actKey.PublicKey)));
        }
        var request = new ConfirmActivationRequest(preId.ToString(), Base64Url.Encode(sessionId), actId.ToString(), signature);
        var confirmed = await _api.PostAsync<ConfirmActivationResponse>(ConfirmPath, request, cancellationToken);
        if (WireField.Id(confirmed.ActId, "confirm", "actId") != actId || confirmed.State != "active")
            throw new KusabiProtocolException($"The server confirmed act ID {confirmed.ActId} in state '{confirmed.State}', not {actId} in state 'active'.");
    }
}
