using System.Diagnostics;
using System.Net.Sockets;
using Kusabi.Chain.Node;

namespace Kusabi.TestSupport;

/// <summary>
/// A real redis-server (Debian package) on a loopback port with an append-only file fsynced on every
/// write, as the durable profile expects. It can be killed and started again on the same data.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kusabi-redis-").FullName;
    private Process? _process;

    public int Port { get; } = AnvilNode.FreeLoopbackPort();
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _directory, "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "no",
        }) start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server).");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.TrueAsync(async () => await AnswersPingAsync(), TimeSpan.FromSeconds(20), "redis-server to answer PING");
    }

    /// <summary>SIGKILL: the append-only file is all that survives.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Makes every write fail (reads still work) by demanding a replica this server does not have,
    /// as a full disk or a lost quorum would; <paramref name="refuse"/> false lifts it.
    /// </summary>
    public async Task RefuseWritesAsync(bool refuse)
    {
        var reply = await CommandAsync("CONFIG", "SET", "min-replicas-to-write", refuse ? "1" : "0");
        if (!reply.StartsWith('+')) throw new InvalidOperationException($"redis-server refused CONFIG SET: {reply}");
    }

    /// <summary>One command in RESP; the first line of the reply.</summary>
    private async Task<string> CommandAsync(params string[] parts)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        var request = new System.Text.StringBuilder($"*{parts.Length}\r\n");
        foreach (var part in parts) request.Append($"${System.Text.Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(request.ToString()));
        var buffer = new byte[512];
        var read = await stream.ReadAsync(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read).TrimEnd();
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return read > 0 && buffer[0] == (byte)'+';
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
