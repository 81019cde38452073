using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Nethereum.Web3;

namespace Kusabi.Chain.Node;

/// <summary>
/// The embedded EVM node: Foundry's anvil from the pinned npm package, on loopback, mining on an
/// interval like a QBFT chain (automine stalls and leaks memory under bursts).
/// </summary>
public sealed class AnvilNode : IAsyncDisposable
{
    /// <summary>anvil's well-known development accounts (mnemonic "test test ... junk"); never use them outside a dev chain.</summary>
    public static readonly IReadOnlyList<string> DevelopmentKeys =
    [
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
    ];

    private readonly Process _process;

    private AnvilNode(Process process, int port, AnvilSettings settings)
    {
        _process = process;
        Port = port;
        Settings = settings;
    }

    public int Port { get; }
    public AnvilSettings Settings { get; }
    public string RpcUrl => $"http://127.0.0.1:{Port}";
    public long ChainId => Settings.ChainId;
    public bool HasExited => _process.HasExited;

    public static async Task<AnvilNode> StartAsync(AnvilSettings settings, CancellationToken cancellationToken = default)
    {
        var binary = settings.BinaryPath ?? Toolchain.FindAnvil();
        var port = settings.Port > 0 ? settings.Port : FreeLoopbackPort();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(settings, port)) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var node = new AnvilNode(process, port, settings);
        await node.WaitUntilServingAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return node;
    }

    private static IEnumerable<string> Arguments(AnvilSettings s, int port)
    {
        yield return "--host"; yield return "127.0.0.1";
        yield return "--port"; yield return port.ToString(CultureInfo.InvariantCulture);
        yield return "--chain-id"; yield return s.ChainId.ToString(CultureInfo.InvariantCulture);
        yield return "--block-time"; yield return s.BlockTime.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        yield return "--gas-limit"; yield return s.BlockGasLimit.ToString(CultureInfo.InvariantCulture);
        yield return "--accounts"; yield return "10";
        // A free-gas network, as consortium chains usually are.
        yield return "--block-base-fee-per-gas"; yield return "0";
        yield return "--gas-price"; yield return "0";
        yield return "--disable-min-priority-fee";
        yield return "--silent";
        if (s.StateFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(s.StateFile))!);
            yield return "--state"; yield return s.StateFile;
            yield return "--state-interval"; yield return "1";
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var web3 = new Web3(RpcUrl);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"anvil exited with code {_process.ExitCode} on port {Port}.");
            try
            {
                await web3.Eth.ChainId.SendRequestAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the node; with a state file, SIGTERM-like shutdown lets anvil write its state.</summary>
    public async Task StopAsync(bool graceful = true)
    {
        if (_process.HasExited) return;
        if (graceful) Posix.Terminate(_process.Id);
        else _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(graceful: Settings.StateFile is not null);
        _process.Dispose();
    }
}
