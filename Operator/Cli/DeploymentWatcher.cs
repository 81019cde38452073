using Kusabi.Operator;

namespace Kusabi.Operator.Cli;

/// <summary>
/// Follows a deployment until it is completed or halted, drawing one progress line on stderr: in
/// place on a terminal, a new line per change when stderr is a file.
/// </summary>
public sealed class DeploymentWatcher(OperatorClient client, TextWriter? output = null, bool? inPlace = null)
{
    private const int Width = 30;
    private readonly TextWriter _output = output ?? Console.Error;
    private readonly bool _inPlace = inPlace ?? !Console.IsErrorRedirected;

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <returns>The final status (completed or halted).</returns>
    public async Task<DeploymentStatus> WatchAsync(string id, CancellationToken cancellationToken)
    {
        string? shown = null;
        try
        {
            while (true)
            {
                var status = await client.GetDeploymentAsync(id, cancellationToken);
                var line = Line(status);
                if (line != shown)
                {
                    if (_inPlace) await _output.WriteAsync("\r" + line.PadRight(shown?.Length ?? 0));
                    else await _output.WriteLineAsync(line);
                    shown = line;
                }
                if (status.IsOver) return status;
                await Task.Delay(Interval, cancellationToken);
            }
        }
        finally
        {
            if (_inPlace && shown is not null) await _output.WriteLineAsync();
        }
    }

    /// <summary><c>wave 2/4 [########      ] 40/100 installed, 1 failed, 0 mismatched, 5 downloading (running)</c>.</summary>
    public static string Line(DeploymentStatus status)
    {
        var counts = status.Counts ?? new DeploymentCounts(0, 0, 0, 0, 0, 0);
        var total = Math.Max(counts.Total, 1);
        var filled = (int)((long)Width * Math.Min(counts.Finished, total) / total);
        return $"wave {status.CurrentWave}/{status.Waves} [{new string('#', filled)}{new string(' ', Width - filled)}] " +
            $"{counts.Installed}/{counts.Total} installed, {counts.Failed} failed, {counts.Mismatched} mismatched, " +
            $"{counts.Downloading} downloading, {counts.Assigned} assigned, {counts.Pending} pending ({status.State ?? "unknown"})";
    }
}
