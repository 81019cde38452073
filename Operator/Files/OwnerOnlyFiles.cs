namespace Kusabi.Operator.Files;

/// <summary>Modes of files that hold secrets (art keys, tokens): readable by their owner alone.</summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void CreateDirectory(string directory)
    {
        if (Directory.Exists(directory)) return; // an existing folder's mode is its owner's choice
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, DirectoryMode);
    }

    /// <summary>True when group or others may access the file.</summary>
    public static bool IsExposed(FileInfo file) =>
        !OperatingSystem.IsWindows() && (file.UnixFileMode & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)) != 0;
}
