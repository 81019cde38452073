using System.Security.Cryptography;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.DeviceAuth;
using Kusabi.Protocol.Updates;

namespace Kusabi.Protocol.Tests.Updates;

/// <summary>
/// The worked example in docs/update.md is what the code produces, and it verifies with the same
/// APIs the server and devices use, so the document cannot drift from the wire format.
/// </summary>
public sealed class UpdateWireVectorTests
{
    private static readonly UpdateWireVector s_vector = UpdateWireVector.Generate();

    private static bool WriteMode => Environment.GetEnvironmentVariable("KUSABI_WRITE_VECTORS") == "1";

    [Fact]
    public void The_update_document_quotes_the_generated_example()
    {
        var expected = UpdateWireVector.RenderMarkdown(s_vector);
        var path = Path.Combine(RepositoryRoot(), "docs", "update.md");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = text.IndexOf(UpdateWireVector.DocSectionBegin, StringComparison.Ordinal);
        var end = text.IndexOf(UpdateWireVector.DocSectionEnd, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, "docs/update.md must hold the generated example's markers");
        end.Should().BeGreaterThan(start);
        end += UpdateWireVector.DocSectionEnd.Length;
        if (WriteMode) File.WriteAllText(path, text[..start] + expected + text[end..]);

        (WriteMode ? expected : text[start..end]).Should().Be(expected, "the example in docs/update.md is generated; run the tests once with KUSABI_WRITE_VECTORS=1");
    }

    [Fact]
    public void The_example_release_opens_and_its_signature_verifies_with_the_art_key()
    {
        var (manifest, bytes, signature) = ReleaseSigning.Open(s_vector.Release);

        ReleaseSigning.Verify(s_vector.ArtPublicKey, bytes, signature).Should().BeTrue();
        manifest.ArtifactSha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(s_vector.Artifact)));
        manifest.ArtId.Should().Be(s_vector.ArtId.ToString());
    }

    [Fact]
    public void The_release_signature_does_not_verify_without_its_label()
    {
        var (_, bytes, signature) = ReleaseSigning.Open(s_vector.Release);

        Ed25519Signer.Verify(s_vector.ArtPublicKey, bytes, signature).Should().BeFalse();
    }

    [Fact]
    public void The_example_header_parses_and_verifies_as_the_server_checks_it()
    {
        DeviceRequestAuth.TryParse(s_vector.Header, out var credential, out var error).Should().BeTrue(error);

        credential!.ActId.Should().Be(s_vector.ActId);
        credential.TimestampMs.Should().Be(s_vector.TimestampMs);
        DeviceRequestAuth.Verify(s_vector.ActPublicKey, credential, s_vector.Method, s_vector.PathAndQuery, SHA256.HashData(s_vector.Body)).Should().BeTrue();
    }

    [Fact]
    public void The_example_signature_does_not_cover_another_path()
    {
        DeviceRequestAuth.TryParse(s_vector.Header, out var credential, out _);

        DeviceRequestAuth.Verify(s_vector.ActPublicKey, credential!, s_vector.Method, "/v1/device/inventory", SHA256.HashData(s_vector.Body)).Should().BeFalse();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kusabi.Orleans.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Kusabi.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
