using System.Diagnostics;
using System.Globalization;
using Kusabi.Chain.Node;

namespace Kusabi.TestSupport;

/// <summary>
/// The silo as a separate operating-system process (the durable profile on Redis), so a test can
/// kill -9 it mid-flow and start it again exactly as an operator's machine would. Its ports stay
/// the same across restarts, and its last output lines are kept to explain a failed start.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _arguments;
    private readonly Queue<string> _outputTail = new();
    private Process? _process;

    public SiloProcess(IReadOnlyDictionary<string, string> settings, int? siloPort = null, int? gatewayPort = null)
    {
        HttpPort = AnvilNode.FreeLoopbackPort();
        var all = new Dictionary<string, string>(settings)
        {
            ["Kusabi:SiloPort"] = (siloPort ?? AnvilNode.FreeLoopbackPort()).ToString(CultureInfo.InvariantCulture),
            ["Kusabi:GatewayPort"] = (gatewayPort ?? AnvilNode.FreeLoopbackPort()).ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _arguments = ["--urls", BaseAddress.ToString(), .. all.SelectMany(kv => new[] { $"--{kv.Key}", kv.Value })];
    }

    public int HttpPort { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");
    public int? ProcessId => _process?.Id;
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The process's last output lines (warnings and errors at the configured log level).</summary>
    public string OutputTail
    {
        get { lock (_outputTail) return string.Join(Environment.NewLine, _outputTail); }
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Kusabi.Silo.dll"));
        foreach (var argument in _arguments) start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}:{Environment.NewLine}{OutputTail}");
            try { return (await http.GetAsync("/health")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, TimeSpan.FromSeconds(90), "the silo to report healthy");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_outputTail)
        {
            _outputTail.Enqueue(line);
            while (_outputTail.Count > 40) _outputTail.Dequeue();
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        Signals.Terminate(_process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { await KillAsync(); }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
