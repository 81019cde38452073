namespace Kusabi.Chain.Node;

/// <summary>Finds the npm-installed chain tools from the repository root or an explicit environment variable.</summary>
public static class Toolchain
{
    public const string AnvilVariable = "KUSABI_ANVIL";
    private const string AnvilRelativePath = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";

    public static string FindAnvil()
    {
        var explicitPath = Environment.GetEnvironmentVariable(AnvilVariable);
        if (!string.IsNullOrEmpty(explicitPath) && File.Exists(explicitPath)) return explicitPath;
        var root = RepositoryRoot();
        var candidate = root is null ? null : Path.Combine(root, AnvilRelativePath);
        return candidate is not null && File.Exists(candidate)
            ? candidate
            : throw new FileNotFoundException(
                $"anvil was not found. Run `npm ci` in the repository root (it installs {AnvilRelativePath}) or set {AnvilVariable}.");
    }

    /// <summary>The nearest directory above the app (or the current directory) holding package.json and contracts/.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "package.json")) && Directory.Exists(Path.Combine(dir.FullName, "contracts")))
                    return dir.FullName;
            }
        }
        return null;
    }
}
