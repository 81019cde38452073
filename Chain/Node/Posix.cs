using System.Runtime.InteropServices;

namespace Kusabi.Chain.Node;

internal static partial class Posix
{
    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Asks a process to exit cleanly (Process.Kill only sends SIGKILL).</summary>
    public static void Terminate(int pid) => _ = Kill(pid, SigTerm);
}
