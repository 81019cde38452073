using System.Security.Cryptography;
using Kusabi.Grains.Devices;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Identity;

namespace Kusabi.Grains.Activation;

/// <summary>
/// The activation protocol of one device, without Orleans: decisions, chain writes and persistence
/// in the order that keeps every crash recoverable. Persisted state is written before each chain
/// write it depends on, so a retry always knows what may already be on chain.
/// </summary>
public sealed class ActivationStateMachine(
    string deviceRef, DeviceState state, IActivationChain chain, Func<Task> save, TimeProvider time, ActivationSettings settings)
{
    private ActivationSession? _session;

    public DeviceState State => state;

    public async Task<Outcome<SessionOffer>> BeginAsync(PreKeySnapshot pre)
    {
        if (state.Phase == DevicePhase.Active || pre.Consumed && !IsOwnUnfinishedActivation(pre.PreId))
        {
            state.CloneAlerts++;
            Record("clone-suspected", $"Consumed pre key {pre.PreId} was presented again.");
            await save();
            return new Failure(ProblemCodes.PreKeyConsumed, "This pre key has already been used to activate a device; the attempt is recorded as a possible clone.");
        }

        EndSession();
        var sessionId = RandomNumberGenerator.GetBytes(ActivationCrypto.SessionIdSize);
        var sessionKey = RandomNumberGenerator.GetBytes(SessionCipher.KeySize);
        var expiresAt = time.GetUtcNow() + settings.SessionLifetime;
        var preId = KusabiId.Parse(pre.PreId);
        var sealedGrant = Hpke.SealBase(ActivationCrypto.Aead, pre.PublicKey, ActivationCrypto.HpkeInfo(preId), [],
            ActivationCrypto.SessionGrant(sessionId, sessionKey));
        _session = new ActivationSession(sessionId, sessionKey, pre.PreId, expiresAt);

        if (state.Phase == DevicePhase.Factory || state.PreId != pre.PreId)
        {
            state.Phase = DevicePhase.Activating;
            state.PreId = pre.PreId;
            state.PreConsumed = pre.Consumed;
            Record("activation-started", $"Pre key {pre.PreId} presented.");
            await save();
        }
        return Outcome<SessionOffer>.Ok(new SessionOffer(sealedGrant.EncapsulatedKey, sealedGrant.Ciphertext, expiresAt));
    }

    public async Task<Outcome<byte[]>> IssueActKeyAsync(string preId, byte[] sessionId, byte[] sealedRequest)
    {
        if (CheckSession(preId, sessionId) is { } refused) return refused;
        var session = _session!;
        byte[] nonce;
        try
        {
            nonce = SessionCipher.Open(session.Key, sealedRequest, ActivationCrypto.ActRequestAad(session.Id));
        }
        catch (CryptoOpenException)
        {
            return new Failure(ProblemCodes.InvalidSeal, "The act-key request does not open under this session's key.");
        }
        if (nonce.Length != ActivationCrypto.RequestNonceSize)
            return new Failure(ProblemCodes.InvalidSeal, $"The request nonce must be {ActivationCrypto.RequestNonceSize} bytes.");
        if (!session.UsedNonces.Add(Convert.ToHexString(nonce)))
            return new Failure(ProblemCodes.ReplayedRequest, "This act-key request was already answered.");

        try
        {
            await RevokePendingAsync();
            using var act = Ed25519KeyPair.Generate();
            var actId = KusabiId.Create(KeyPurpose.Act, act.PublicKey);
            var pending = new ActKeyRecord { Id = actId.ToString(), PublicKey = act.PublicKey.ToArray() };
            state.PendingAct = pending;
            await save(); // before the chain can know the key, so a crash leaves a record to revoke

            var registration = chain.RegisterActKeyAsync(pending.Id, pending.PublicKey, deviceRef);
            var consumption = state.PreConsumed ? null : chain.ConsumePreKeyAsync(preId);
            var registered = await registration;
            if (consumption is not null)
            {
                var consumed = await consumption;
                state.PreConsumed = true;
                Record("pre-key-consumed", $"Pre key {preId} consumed.", consumed.Transaction, consumed.Block);
            }
            pending.Registered = true;
            pending.Transaction = registered.Transaction;
            pending.Block = registered.Block;
            Record("act-key-registered", $"Act key {pending.Id} registered.", registered.Transaction, registered.Block);
            await save();

            var seed = act.ExportPrivateSeed();
            try
            {
                return Outcome<byte[]>.Ok(SessionCipher.Seal(session.Key, ActivationCrypto.ActGrant(actId, seed), ActivationCrypto.ActGrantAad(session.Id, nonce)));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(seed);
            }
        }
        catch (ActivationChainException e)
        {
            return new Failure(ProblemCodes.ChainUnavailable, $"The registry did not confirm the change ({e.Message}); retry the activation.");
        }
    }

    public async Task<Outcome<string>> ConfirmAsync(string preId, byte[] sessionId, string actId, byte[] signature)
    {
        if (IsRepeatedConfirmation(preId, sessionId, actId, signature)) return Outcome<string>.Ok(actId);
        if (CheckSession(preId, sessionId) is { } refused) return refused;
        var session = _session!;
        var pending = state.PendingAct;
        if (pending is not { Registered: true } || pending.Id != actId)
            return new Failure(ProblemCodes.ActKeyMismatch, "This is not the act key issued to this device.");
        var transcript = ActivationCrypto.ConfirmTranscript(session.Id, KusabiId.Parse(preId), KusabiId.Parse(actId), pending.PublicKey);
        if (!Ed25519Signer.Verify(pending.PublicKey, transcript, signature))
            return new Failure(ProblemCodes.InvalidSignature, "The signature does not verify with the issued act key.");

        state.Act = pending;
        state.ConfirmedSessionId = Convert.ToHexStringLower(session.Id);
        state.PendingAct = null;
        state.Phase = DevicePhase.Active;
        state.ActivatedAt = time.GetUtcNow();
        Record("activated", $"Device proved possession of act key {actId}.", pending.Transaction, pending.Block);
        await save();
        EndSession();
        return Outcome<string>.Ok(actId);
    }

    private Failure? CheckSession(string preId, byte[] sessionId)
    {
        if (_session is null || !_session.Matches(preId, sessionId))
            return new Failure(ProblemCodes.UnknownSession, "No open activation session has this ID; start again at step 1.");
        if (time.GetUtcNow() >= _session.ExpiresAt)
        {
            EndSession();
            return new Failure(ProblemCodes.SessionExpired, "The activation session expired; start again at step 1.");
        }
        return null;
    }

    /// <summary>
    /// The device resending the confirmation that activated it (its answer was lost) gets the same
    /// answer again, or it would be left holding a pre key the chain has consumed. Nothing changes.
    /// </summary>
    private bool IsRepeatedConfirmation(string preId, byte[] sessionId, string actId, byte[] signature) =>
        state is { Phase: DevicePhase.Active, Act: { } act } && act.Id == actId && state.PreId == preId
        && state.ConfirmedSessionId == Convert.ToHexStringLower(sessionId)
        && Ed25519Signer.Verify(act.PublicKey, ActivationCrypto.ConfirmTranscript(sessionId, KusabiId.Parse(preId), KusabiId.Parse(actId), act.PublicKey), signature);

    /// <summary>
    /// A consumed pre key is still ours to retry with while our own activation is unfinished: only this
    /// grain's act-key step consumes it, so a crash may have hidden that it did.
    /// </summary>
    private bool IsOwnUnfinishedActivation(string preId) =>
        state.Phase == DevicePhase.Activating && state.PreId == preId;

    /// <summary>
    /// An act key issued earlier but never confirmed may or may not have reached the device: revoke it.
    /// Not on chain yet does not mean never: a silo that crashed may have sent its registration, to be
    /// mined later. So it is registered here first (a late copy is then a no-op) and revoked; its
    /// private key never left the crashed activation, so no one can use it in between.
    /// </summary>
    private async Task RevokePendingAsync()
    {
        if (state.PendingAct is not { } old) return;
        var revoked = await chain.RevokeUndeliveredAsync(old.Id);
        if (revoked.Result == ChainWriteResult.NotFound)
        {
            await chain.RegisterActKeyAsync(old.Id, old.PublicKey, deviceRef);
            revoked = await chain.RevokeUndeliveredAsync(old.Id);
        }
        if (revoked.Result != ChainWriteResult.NotFound)
            Record("act-key-revoked", $"Undelivered act key {old.Id} revoked.", revoked.Transaction, revoked.Block);
        state.PendingAct = null;
        await save();
    }

    private void EndSession()
    {
        _session?.Dispose();
        _session = null;
    }

    private void Record(string kind, string detail, string? transaction = null, long? block = null) =>
        DeviceTimeline.Record(state, time.GetUtcNow(), settings.TimelineLimit, kind, detail, transaction, block);
}
