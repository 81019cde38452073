namespace Kusabi.Grains.Updates;

/// <summary>A deployment's devices cut into waves of one size, in plan order; the last wave may be smaller.</summary>
public sealed class DeploymentWaves
{
    private readonly IReadOnlyList<string> _devices;

    public DeploymentWaves(IReadOnlyList<string> devices, int waveSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(waveSize, 1);
        _devices = devices;
        WaveSize = waveSize;
    }

    public int WaveSize { get; }

    /// <summary>At least one wave, even for an empty plan, so "wave 1 of 1" always makes sense.</summary>
    public int Count => Math.Max(1, (_devices.Count + WaveSize - 1) / WaveSize);

    public IReadOnlyList<string> Members(int wave) => _devices.Skip(wave * WaveSize).Take(WaveSize).ToList();

    /// <summary>
    /// The wave size an operator asked for: a device count, a percentage of the fleet (rounded up, at
    /// least one device), or everyone at once when neither is given; null when both are given or
    /// either is out of range.
    /// </summary>
    public static int? SizeFor(int deviceCount, int? waveSize, int? wavePercent) => (waveSize, wavePercent) switch
    {
        (null, null) => Math.Max(1, deviceCount),
        ( >= 1 and var size, null) => size,
        (null, >= 1 and <= 100 and var percent) => Math.Max(1, (int)(((long)deviceCount * percent + 99) / 100)),
        _ => null,
    };
}
