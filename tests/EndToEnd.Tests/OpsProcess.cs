using System.Diagnostics;

namespace Kusabi.EndToEnd.Tests;

/// <summary>What a kusabi-ops run printed and how it exited.</summary>
public sealed record OpsRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}; stdout: {Output}; stderr: {Error}";
}

/// <summary>Runs the kusabi-ops binary as an operator does, in its own process, with KUSABI_TOKEN unset unless given.</summary>
public static class OpsProcess
{
    /// <summary>Generous: a bound against a hung process, not a speed requirement.</summary>
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(3);

    public static async Task<OpsRun> RunAsync(IEnumerable<string> args, string? tokenVariable = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kusabi-ops.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("KUSABI_TOKEN");
        if (tokenVariable is not null) start.Environment["KUSABI_TOKEN"] = tokenVariable;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(s_limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kusabi-ops {string.Join(' ', args)} did not exit within {s_limit}.");
        }
        return new OpsRun(process.ExitCode, await output, await error);
    }
}
