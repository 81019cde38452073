using System.Runtime.InteropServices;

namespace Kusabi.TestSupport;

public static partial class Signals
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>SIGTERM: a graceful stop request.</summary>
    public static void Terminate(int pid) => _ = Kill(pid, 15);
}
