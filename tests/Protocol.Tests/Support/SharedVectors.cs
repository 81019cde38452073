namespace Kusabi.Protocol.Tests.Support;

/// <summary>
/// Finds the read-only <c>shared/vectors</c> folder that lives beside the repository checkout
/// (X/main next to X/shared locally; CI puts shared/ beside its clone the same way).
/// </summary>
internal static class SharedVectors
{
    public static string PathOf(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Shared vector file not found: {path}", path);
    }

    private static string Directory { get; } = Locate();

    private static string Locate()
    {
        // Walk up from the test binaries; the first ancestor holding shared/vectors wins.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "vectors");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No 'shared/vectors' folder found above {AppContext.BaseDirectory}; shared/ must sit beside the repository checkout.");
    }
}
