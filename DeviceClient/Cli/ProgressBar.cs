namespace Kusabi.DeviceClient.Cli;

/// <summary>
/// A one-line progress bar on stderr (<c>\r[#####     ] 4200/10000</c>), redrawn in place on a
/// terminal and printed every quarter when stderr is a file, so logs stay short.
/// Reports may arrive from many threads and out of order; the highest count wins.
/// </summary>
public sealed class ProgressBar : IProgress<int>, IDisposable
{
    private const int Width = 30;
    private static readonly TimeSpan s_redrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly string _label;
    private readonly int _total;
    private readonly TextWriter _output;
    private readonly bool _inPlace;
    private int _shown = -1;
    private long _lastDraw;

    public ProgressBar(string label, int total, TextWriter? output = null, bool? inPlace = null)
    {
        _label = label;
        _total = Math.Max(total, 1);
        _output = output ?? Console.Error;
        _inPlace = inPlace ?? !Console.IsErrorRedirected;
    }

    public void Report(int value)
    {
        lock (_gate)
        {
            if (value <= _shown) return;
            var due = _inPlace
                ? value >= _total || System.Diagnostics.Stopwatch.GetElapsedTime(_lastDraw) >= s_redrawInterval
                : value >= _total || value * 4 / _total > Math.Max(_shown, 0) * 4 / _total;
            if (!due) return;
            _shown = value;
            _lastDraw = System.Diagnostics.Stopwatch.GetTimestamp();
            var filled = (int)((long)Width * Math.Min(value, _total) / _total);
            var line = $"{_label} [{new string('#', filled)}{new string(' ', Width - filled)}] {value}/{_total}";
            if (_inPlace) _output.Write("\r" + line + (value >= _total ? Environment.NewLine : ""));
            else _output.WriteLine(line);
        }
    }

    /// <summary>Ends an unfinished in-place line so the next message starts on its own line.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_inPlace && _shown >= 0 && _shown < _total) _output.WriteLine();
            _shown = int.MaxValue;
        }
    }

    /// <summary>Same as <see cref="Finish"/>: a phase's bar is disposed when the phase ends.</summary>
    public void Dispose() => Finish();
}
