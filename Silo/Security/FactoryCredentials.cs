using System.Security.Cryptography;
using System.Text;
using Kusabi.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Kusabi.Silo.Security;

/// <summary>
/// Bearer tokens of the build environment, kept only as SHA-256 hashes. With none configured, the
/// embedded profile mints one and writes it (owner-only) beside the chain state for local tools.
/// </summary>
public sealed class FactoryCredentials
{
    public const string TokenFileName = "factory.token";
    private readonly List<byte[]> _hashes;

    public FactoryCredentials(IOptions<KusabiOptions> options, ILogger<FactoryCredentials> log)
    {
        var settings = options.Value;
        _hashes = settings.FactoryTokenHashes.Select(Convert.FromHexString).ToList();
        if (_hashes.Count > 0) return;
        if (settings.Profile != "embedded")
            throw new InvalidOperationException("Kusabi:FactoryTokenHashes must list at least one SHA-256 token hash outside the embedded profile.");

        var path = Path.Combine(settings.DataDirectory, TokenFileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(settings.DataDirectory);
            File.WriteAllText(path, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            log.LogInformation("Minted a development factory token in {Path}", path);
        }
        _hashes.Add(Hash(File.ReadAllText(path).Trim()));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool IsValid(string? authorizationHeader)
    {
        const string scheme = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = Hash(authorizationHeader[scheme.Length..].Trim());
        var valid = false;
        foreach (var hash in _hashes) valid |= CryptographicOperations.FixedTimeEquals(hash, presented);
        return valid;
    }
}
