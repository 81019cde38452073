using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Identity;
using Kusabi.Protocol.Updates;
using Kusabi.Silo.Chain;
using Kusabi.Silo.Security;
using Kusabi.Silo.Updates;

namespace Kusabi.Silo.Endpoints;

public sealed record ArtKeyRequest(string Id, string PublicKey);

public sealed record ChainWriteResponse(string Id, long Block, string Transaction);

public sealed record ReleaseResponse(string Product, ulong Version, string ManifestHash, long? Block, string? Transaction);

/// <summary>Operators register art keys, upload artifacts and publish signed releases (anchored on chain).</summary>
public static class ReleaseEndpoints
{
    public static IEndpointRouteBuilder MapReleases(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/operator").RequireRole(ApiRole.Operator);
        group.MapPost("/art-keys", RegisterArtKeyAsync);
        group.MapPut("/artifacts/{sha256}", UploadArtifactAsync);
        group.MapPost("/releases", PublishAsync);
        app.MapGet("/v1/operator/releases/{product}", async (string product, IGrainFactory grains) =>
            Results.Json((await grains.GetGrain<IReleaseCatalogGrain>(product).List()).Select(r => new ReleaseResponse(r.Product, r.Version, r.ManifestHash, r.AnchorBlock, r.AnchorTransaction))))
            .RequireRole(ApiRole.Operator, ApiRole.Viewer);
        return app;
    }

    private static async Task<IResult> RegisterArtKeyAsync(HttpRequest request, ChainRuntime chain, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ArtKeyRequest>(request, 1024, cancellationToken);
        if (problem is not null) return problem;
        if (!WireFields.TryId(body!.Id, "id", out var id, out problem) || !WireFields.TryBytes(body.PublicKey, "publicKey", 32, 32, out var publicKey, out problem))
            return problem!;
        try
        {
            var receipt = await chain.Gateway.RegisterAsync(new KeyRegistration(id, KeyPurpose.Art, KeyAlgorithm.Ed25519, publicKey, null), cancellationToken);
            return Results.Json(new ChainWriteResponse(id.ToString(), receipt.BlockNumber, receipt.TransactionHash), statusCode: 201);
        }
        catch (KeyConflictException)
        {
            return Problems.Malformed($"Key {id} is already registered with a different public key or purpose.");
        }
        catch (ChainException e)
        {
            return Problems.For(ProblemCodes.ChainUnavailable, $"The registry did not confirm the key: {e.Message}");
        }
    }

    private static async Task<IResult> UploadArtifactAsync(string sha256, HttpRequest request, ArtifactStore artifacts, CancellationToken cancellationToken)
    {
        if (!ArtifactStore.IsSha256(sha256)) return Problems.Malformed("The path must end in the artifact's SHA-256 (64 hex characters).");
        if (request.ContentLength > artifacts.MaxArtifactBytes)
            return Problems.For(ProblemCodes.RequestTooLarge, $"Artifacts may be at most {artifacts.MaxArtifactBytes} bytes.");
        return await artifacts.StoreAsync(sha256.ToLowerInvariant(), request.Body, cancellationToken) switch
        {
            ArtifactStore.StoreResult.Stored => Results.Created($"/v1/operator/artifacts/{sha256}", null),
            ArtifactStore.StoreResult.AlreadyStored => Results.Ok(),
            ArtifactStore.StoreResult.TooLarge => Problems.For(ProblemCodes.RequestTooLarge, $"Artifacts may be at most {artifacts.MaxArtifactBytes} bytes."),
            _ => Problems.For(ProblemCodes.ArtifactMismatch, "The uploaded bytes do not hash to the SHA-256 in the path; nothing was stored."),
        };
    }

    private static async Task<IResult> PublishAsync(HttpRequest request, ChainRuntime chain, ArtifactStore artifacts, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<SignedRelease>(request, 4 * ReleaseSigning.MaxManifestBytes, cancellationToken);
        if (problem is not null) return problem;
        ReleaseManifest manifest;
        byte[] bytes, signature;
        try
        {
            (manifest, bytes, signature) = ReleaseSigning.Open(body!);
        }
        catch (FormatException e)
        {
            return Problems.Malformed(e.Message);
        }
        if (!WireFields.TryId(manifest.ArtId, "manifest.artId", out var artId, out problem)) return problem!;
        if (!artifacts.TryGet(manifest.ArtifactSha256.ToLowerInvariant(), out var file))
            return Problems.For(ProblemCodes.ArtifactMissing, $"Upload the artifact {manifest.ArtifactSha256} first.");
        if (file.Length != manifest.ArtifactSize)
            return Problems.For(ProblemCodes.ArtifactMismatch, $"The stored artifact has {file.Length} bytes; the manifest says {manifest.ArtifactSize}.");

        var (art, refused) = await ArtKeys.ReadActiveAsync(chain, artId, cancellationToken);
        if (refused is not null) return refused;
        if (!ReleaseSigning.Verify(art!.PublicKey, bytes, signature))
            return Problems.For(ProblemCodes.InvalidSignature, "The release signature does not verify with the art key on chain.");

        var manifestHash = ReleaseSigning.ManifestHash(bytes);
        var record = new ReleaseRecord(manifest.Product, manifest.Hardware, manifest.Version, body!.Manifest, body.Signature, artId.ToString(),
            manifest.ArtifactSha256.ToLowerInvariant(), manifest.ArtifactSize, new Dictionary<string, string>(manifest.ExpectedInventory),
            Convert.ToHexStringLower(manifestHash), null, null, time.GetUtcNow());
        string? anchorTransaction;
        long anchorBlock;
        try
        {
            var receipt = await chain.Gateway.CallAsync(new AnchorReleaseFunction
            {
                Product = ReleaseSigning.ProductKey(manifest.Product),
                Version = manifest.Version,
                ManifestHash = manifestHash,
                ArtKeyId = artId.ToArray(),
            }, cancellationToken);
            (anchorTransaction, anchorBlock) = (receipt.TransactionHash, receipt.BlockNumber);
        }
        catch (VersionNotIncreasingException e)
        {
            // The same release published again after a failure between anchoring and cataloguing: the
            // chain already holds exactly this anchor, so only the catalog entry is missing.
            ReleaseStruct anchored;
            try
            {
                anchored = await chain.Reader.GetLatestReleaseAsync(ReleaseSigning.ProductKey(manifest.Product), cancellationToken);
            }
            catch (ChainException read)
            {
                return Problems.For(ProblemCodes.ChainUnavailable, $"The registry's anchored release could not be read: {read.Message}");
            }
            if (anchored.Version != manifest.Version || !anchored.ManifestHash.AsSpan().SequenceEqual(manifestHash))
                return Problems.For(ProblemCodes.VersionNotIncreasing, $"Version {e.Offered} is not above the anchored version {e.Latest}.");
            (anchorTransaction, anchorBlock) = (null, (long)anchored.AnchoredBlock);
        }
        catch (ChainException e)
        {
            return Problems.For(ProblemCodes.ChainUnavailable, $"The registry did not anchor the release: {e.Message}");
        }
        var added = await grains.GetGrain<IReleaseCatalogGrain>(manifest.Product).Add(record with { AnchorTransaction = anchorTransaction, AnchorBlock = anchorBlock });
        if (added.Failure is { } failure) return Problems.For(failure);
        await grains.GetGrain<IUpdateDirectoryGrain>(0).AddProduct(manifest.Product);
        var stored = added.Value!;
        return Results.Json(new ReleaseResponse(manifest.Product, manifest.Version, stored.ManifestHash, stored.AnchorBlock, stored.AnchorTransaction), statusCode: 201);
    }
}
