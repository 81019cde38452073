using System.Security.Cryptography;
using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.DeviceAuth;
using Kusabi.Protocol.Identity;
using Kusabi.Silo.Chain;

namespace Kusabi.Silo.Endpoints;

/// <summary>An authenticated request of an activated device.</summary>
public sealed record DeviceRequest(string DeviceRef, KusabiId ActId, byte[] Body, IDeviceGrain Grain);

/// <summary>
/// Authenticates a device-signed request: header, body hash, act key read from the chain (a revoked
/// key is refused at once), signature, then freshness and nonce in the device's grain.
/// </summary>
public static class DeviceRequestReader
{
    public const int MaxBodyBytes = 16 * 1024;

    public static async Task<(DeviceRequest? Request, IResult? Problem)> ReadAsync(HttpContext context, ChainRuntime chain, IGrainFactory grains)
    {
        var http = context.Request;
        if (!DeviceRequestAuth.TryParse(http.Headers.Authorization, out var credential, out var error))
            return (null, Problems.For(ProblemCodes.Unauthorized, error));
        if (http.ContentLength > MaxBodyBytes)
            return (null, Problems.For(ProblemCodes.RequestTooLarge, $"The body may be at most {MaxBodyBytes} bytes."));
        var body = await ReadBodyAsync(http, context.RequestAborted);
        if (body is null) return (null, Problems.For(ProblemCodes.RequestTooLarge, $"The body may be at most {MaxBodyBytes} bytes."));

        KeyRecord key;
        try
        {
            key = await chain.Reader.GetKeyAsync(credential!.ActId, context.RequestAborted);
        }
        catch (UnknownKeyException)
        {
            return (null, Problems.For(ProblemCodes.Unauthorized, $"No key {credential!.ActId} is registered."));
        }
        catch (ChainException e)
        {
            return (null, Problems.For(ProblemCodes.ChainUnavailable, $"The registry could not be read: {e.Message}"));
        }
        if (key.Purpose != KeyPurpose.Act || key.Algorithm != KeyAlgorithm.Ed25519 || key.Device is null)
            return (null, Problems.For(ProblemCodes.WrongKeyPurpose, $"Key {credential.ActId} is a {key.Purpose} key; device requests are signed with the act key."));
        if (key.Status != KeyStatus.Active)
            return (null, Problems.For(ProblemCodes.KeyRevoked, $"Act key {credential.ActId} is {key.Status.ToString().ToLowerInvariant()}."));
        var pathAndQuery = http.Path.ToString() + http.QueryString.ToString();
        if (!DeviceRequestAuth.Verify(key.PublicKey, credential, http.Method, pathAndQuery, SHA256.HashData(body)))
            return (null, Problems.For(ProblemCodes.Unauthorized, "The request signature does not verify with the device's act key."));

        var deviceRef = key.Device.Value.ToString();
        var grain = grains.GetGrain<IDeviceGrain>(deviceRef);
        if (await grain.AdmitRequest(credential.ActId.ToString(), credential.TimestampMs, credential.Nonce) is { } refused)
            return (null, Problems.For(refused));
        return (new DeviceRequest(deviceRef, credential.ActId, body, grain), null);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
