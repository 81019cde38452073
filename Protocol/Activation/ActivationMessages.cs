namespace Kusabi.Protocol.Activation;

// The JSON bodies of the activation protocol (docs/protocol.md). Binary fields are base64url
// without padding; kusabi-IDs are 64 lower-case hex characters.

/// <summary>Step 1, device → server: POST /v1/activation/sessions.</summary>
public sealed record BeginActivationRequest(string PreId);

/// <summary>
/// Step 2, server → device: the HPKE encapsulated key and the sealed session grant
/// (session ID ‖ session key), sealed to the pre key.
/// </summary>
public sealed record BeginActivationResponse(string Enc, string Sealed, DateTimeOffset ExpiresAt);

/// <summary>Step 3, device → server: POST /v1/activation/act-key; <c>Sealed</c> holds a fresh request nonce.</summary>
public sealed record ActKeyRequest(string PreId, string SessionId, string Sealed);

/// <summary>Step 4, server → device: act kusabi-ID ‖ act private seed, sealed under the session key.</summary>
public sealed record ActKeyResponse(string Sealed);

/// <summary>Step 5, device → server: POST /v1/activation/confirm, signed with the new act key.</summary>
public sealed record ConfirmActivationRequest(string PreId, string SessionId, string ActId, string Signature);

/// <summary>The device is active under <c>ActId</c>.</summary>
public sealed record ConfirmActivationResponse(string ActId, string State);
