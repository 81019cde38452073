using System.Diagnostics;
using System.Security.Cryptography;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// The device side of activation (docs/protocol.md): open a session with the pre key, receive the
/// act key under the session key, prove possession by signing the transcript. A lost session
/// (unknown-session, session-expired) restarts at step 1; the pre key stays until confirm succeeds.
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

    /// <exception cref="ArgumentException">The bundle is already activated.</exception>
    /// <exception cref="KusabiApiException">The server refused (after any restarts).</exception>
    /// <exception cref="KusabiUnreachableException">The server could not be reached.</exception>
    /// <exception cref="KusabiProtocolException">The server's answer did not verify.</exception>
    public async Task<ActivationResult> ActivateAsync(DeviceBundle bundle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.IsActivated || bundle.PreId is not { } preId || bundle.PrePrivateKey is not { } preKey)
            throw new ArgumentException($"Device {bundle.DeviceRef} is already activated (act ID {bundle.ActId}); it has no pre key to activate with.", nameof(bundle));

        using var preKeyPair = X25519KeyPair.Import(preKey);
        var started = Stopwatch.GetTimestamp();
        for (var round = 1; ; round++)
        {
            try
            {
                var (actId, actSeed, begin, actKey, confirm) = await RunRoundAsync(preId, preKeyPair, cancellationToken);
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
            catch (KusabiApiException e) when (e.IsSessionLost && round < _maxRounds)
            {
                // The server forgot the session (restart, expiry): the pre key is still ours, begin again.
            }
        }
    }

    private async Task<(KusabiId ActId, byte[] ActSeed, TimeSpan Begin, TimeSpan ActKey, TimeSpan Confirm)> RunRoundAsync(
        KusabiId preId, X25519KeyPair preKey, CancellationToken cancellationToken)
    {
        var t0 = Stopwatch.GetTimestamp();
        var (sessionId, sessionKey) = await BeginAsync(preId, preKey, cancellationToken);
        try
        {
            var t1 = Stopwatch.GetTimestamp();
            var (actId, actSeed) = await RequestActKeyAsync(preId, sessionId, sessionKey, cancellationToken);
            try
            {
                var t2 = Stopwatch.GetTimestamp();
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
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
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

    /// <summary>Steps 3–4: a fresh nonce per attempt (the server refuses a nonce twice), answered by the sealed act grant.</summary>
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
            throw new KusabiProtocolException("The act grant does not open under the session key for this request.", e);
        }
        try
        {
            var (actId, seed) = ActivationCrypto.ParseActGrant(grant);
            if (actId == default)
            {
                CryptographicOperations.ZeroMemory(seed);
                throw new KusabiProtocolException("The act grant carries an all-zero act ID.");
            }
            return (actId, seed);
        }
        catch (CryptoOpenException e)
        {
            throw new KusabiProtocolException("The act grant has the wrong length.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(grant);
        }
    }

    /// <summary>Step 5: sign label ‖ session ID ‖ pre ID ‖ act ID ‖ act public key with the new act key.</summary>
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
