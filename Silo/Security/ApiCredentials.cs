using System.Security.Cryptography;
using System.Text;
using Kusabi.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Kusabi.Silo.Security;

/// <summary>A bearer token's SHA-256 (hex) and the role it grants.</summary>
public sealed class CredentialSetting
{
    public ApiRole Role { get; set; }
    public string Sha256 { get; set; } = "";
}

/// <summary>
/// Bearer tokens for people and build systems, kept only as SHA-256 hashes. With none configured,
/// the embedded profile mints one per role and writes each (owner-only) beside the chain state, for
/// local tools and the management screen.
/// </summary>
public sealed class ApiCredentials
{
    private readonly List<(byte[] Hash, ApiRole Role)> _known = [];

    public ApiCredentials(IOptions<KusabiOptions> options, ILogger<ApiCredentials> log)
    {
        var settings = options.Value;
        foreach (var hash in settings.FactoryTokenHashes) _known.Add((Convert.FromHexString(hash), ApiRole.Factory));
        foreach (var credential in settings.Credentials) _known.Add((Convert.FromHexString(credential.Sha256), credential.Role));
        if (_known.Count > 0) return;
        if (settings.Profile != "embedded")
            throw new InvalidOperationException("Kusabi:Credentials must list at least one hashed token outside the embedded profile.");

        foreach (var role in Enum.GetValues<ApiRole>())
        {
            var path = TokenPath(settings.DataDirectory, role);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(settings.DataDirectory);
                File.WriteAllText(path, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                log.LogInformation("Minted a development {Role} token in {Path}", role, path);
            }
            _known.Add((Hash(File.ReadAllText(path).Trim()), role));
        }
    }

    public static string TokenPath(string dataDirectory, ApiRole role) => Path.Combine(dataDirectory, $"{role.ToString().ToLowerInvariant()}.token");

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The role of a presented "Bearer …" header, or null when it matches no credential.</summary>
    public ApiRole? RoleOf(string? authorizationHeader)
    {
        const string scheme = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        return RoleOfToken(authorizationHeader[scheme.Length..]);
    }

    /// <summary>The role of a bare token, or null when it matches no credential.</summary>
    public ApiRole? RoleOfToken(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        var presented = Hash(token.Trim());
        ApiRole? role = null;
        foreach (var (hash, granted) in _known)
        {
            // Compare against every entry so timing says nothing about which one matched.
            if (CryptographicOperations.FixedTimeEquals(hash, presented)) role = granted;
        }
        return role;
    }
}
