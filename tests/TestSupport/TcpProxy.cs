using System.Net;
using System.Net.Sockets;

namespace Kusabi.TestSupport;

/// <summary>
/// A loopback TCP relay in front of a server, so a test can cut every connection at once (as a
/// network failure would) and later let traffic through again.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _broken;
    private int _cuts;

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public string Url => $"http://127.0.0.1:{Port}";
    public int ConnectionsCut => _cuts;

    /// <summary>Resets every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Break()
    {
        _broken = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                try { client.Client.LingerState = new LingerOption(true, 0); client.Close(); } catch (ObjectDisposedException) { }
                _cuts++;
            }
            _open.Clear();
        }
    }

    public void Restore() => _broken = false;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            if (_broken)
            {
                inbound.Client.LingerState = new LingerOption(true, 0);
                inbound.Close();
                continue;
            }
            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            lock (_open) { _open.Add(inbound); _open.Add(outbound); }
            using var a = inbound.GetStream();
            using var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception)
        {
            // A cut connection ends here; the client sees a reset.
        }
        finally
        {
            lock (_open) { _open.Remove(inbound); _open.Remove(outbound); }
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Break();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
