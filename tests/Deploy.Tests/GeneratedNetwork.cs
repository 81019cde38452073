using System.Diagnostics;

namespace Kusabi.Deploy.Tests;

/// <summary>Runs deploy/besu/generate-keys.sh once into a temporary directory, with the kusabi-chain built beside the tests.</summary>
public sealed class GeneratedNetwork : IDisposable
{
    public GeneratedNetwork()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kusabi-network-").FullName;
        (ExitCode, Output) = Run(Directory);
    }

    public string Directory { get; }
    public int ExitCode { get; }
    public string Output { get; }

    public static (int ExitCode, string Output) Run(string outputDirectory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(DeployFiles.Path("besu", "generate-keys.sh"));
        start.ArgumentList.Add(outputDirectory);
        start.Environment["KUSABI_CHAIN_TOOL"] = Path.Combine(AppContext.BaseDirectory, "kusabi-chain.dll");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
