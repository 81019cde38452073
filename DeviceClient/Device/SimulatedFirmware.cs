using System.Security.Cryptography;
using System.Text.Json;
using Kusabi.Protocol.Identity;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// A device's firmware storage, simulated: the persisted state (what boots) and the image, either
/// in files (<c>state.json</c> plus <c>state.bin</c>) or in memory. <see cref="Running"/> is what
/// the device booted; <see cref="Install"/> changes only the store, and <see cref="Reboot"/> boots
/// from it again, as a real device would. Not thread-safe: one agent per device.
/// </summary>
public sealed class SimulatedFirmware
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly bool _keepImage;
    private FirmwareState _stored;
    private byte[]? _storedImage;

    private SimulatedFirmware(FirmwareState state, string? statePath, bool keepImage)
    {
        _stored = state;
        Running = state;
        StatePath = statePath;
        _keepImage = keepImage;
    }

    /// <summary>The state the device booted with.</summary>
    public FirmwareState Running { get; private set; }

    /// <summary>The state file, or null in memory.</summary>
    public string? StatePath { get; }

    public string? ImagePath => StatePath is null ? null : Path.ChangeExtension(StatePath, ".bin");

    /// <summary>Successful installs since this object was made.</summary>
    public int Installs { get; private set; }

    /// <summary>
    /// Items the device reports besides the standard ones; an item with a standard name replaces that
    /// value (to simulate a tampered or misreporting device).
    /// </summary>
    public Dictionary<string, string> ExtraInventory { get; } = new(StringComparer.Ordinal);

    /// <summary>The firmware file beside a bundle: <c>F.firmware.json</c> (image <c>F.firmware.bin</c>).</summary>
    public static string StatePathFor(string bundlePath) => bundlePath + ".firmware.json";

    /// <summary>A device in memory, running the factory image (version 0).</summary>
    /// <param name="keepImage">False hashes and drops the image (a simulated fleet need not hold N copies).</param>
    public static SimulatedFirmware InMemory(string product, string hardware, bool keepImage = true)
    {
        var state = new FirmwareState { Product = product, Hardware = hardware };
        return state.FindProblem() is { } problem ? throw new ArgumentException(problem) : new SimulatedFirmware(state, null, keepImage);
    }

    /// <summary>
    /// Opens the state file, or creates the factory image (version 0) of <paramref name="product"/>
    /// and <paramref name="hardware"/> when there is none. Given names must match an existing file.
    /// </summary>
    /// <exception cref="FirmwareStoreException">Unreadable, invalid, missing names, or another product.</exception>
    public static SimulatedFirmware Open(string statePath, string? product, string? hardware)
    {
        if (!File.Exists(statePath))
        {
            if (string.IsNullOrWhiteSpace(product) || string.IsNullOrWhiteSpace(hardware))
                throw new FirmwareStoreException($"'{statePath}' does not exist yet; name the device's --product and --hardware to create its factory image.");
            var created = new SimulatedFirmware(new FirmwareState { Product = product, Hardware = hardware }, statePath, keepImage: true);
            created.Persist(created._stored);
            return created;
        }
        var state = Load(statePath);
        if (product is not null && product != state.Product || hardware is not null && hardware != state.Hardware)
            throw new FirmwareStoreException($"'{statePath}' holds {state.Product}/{state.Hardware}, not {product ?? state.Product}/{hardware ?? state.Hardware}.");
        return new SimulatedFirmware(state, statePath, keepImage: true);
    }

    /// <summary>A place to download an image to; nothing is installed until <see cref="Install"/>.</summary>
    public StagedImage Stage()
    {
        if (ImagePath is not { } image) return new StagedImage(_keepImage ? new MemoryStream() : Stream.Null, null);
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(image))!, $".{Path.GetFileName(image)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.staging");
        return new StagedImage(new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true), temp);
    }

    /// <summary>Stores the staged image and the new state (image first, so the state never names a missing image).</summary>
    public void Install(StagedImage staged, FirmwareState state)
    {
        ArgumentNullException.ThrowIfNull(staged);
        if (state.FindProblem() is { } problem) throw new ArgumentException($"Refusing to install an invalid state: {problem}", nameof(state));
        if (state.Product != _stored.Product || state.Hardware != _stored.Hardware)
            throw new ArgumentException($"This device is {_stored.Product}/{_stored.Hardware}; it cannot install {state.Product}/{state.Hardware}.", nameof(state));
        staged.Stream.Flush();
        if (staged.TempPath is { } temp)
        {
            staged.Stream.Dispose();
            File.Move(temp, ImagePath!, overwrite: true);
            staged.Installed = true;
        }
        else
        {
            _storedImage = staged.Stream is MemoryStream memory ? memory.ToArray() : null;
            staged.Installed = true;
        }
        Persist(state);
        Installs++;
    }

    /// <summary>Boots from the store: the running state is reloaded as a new process would.</summary>
    public FirmwareState Reboot()
    {
        Running = StatePath is null ? _stored : Load(StatePath);
        return Running;
    }

    /// <summary>The stored image: null for the factory image or when images are not kept.</summary>
    public byte[]? ReadImage() => ImagePath is { } path ? (File.Exists(path) ? File.ReadAllBytes(path) : null) : _storedImage?.ToArray();

    /// <summary>What the device reports: firmware product, version, artifact hash, act key, then <see cref="ExtraInventory"/>.</summary>
    public IReadOnlyDictionary<string, string> Inventory(KusabiId actId)
    {
        var items = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [InventoryItems.FirmwareProduct] = Running.Product,
            [InventoryItems.FirmwareVersion] = Running.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [InventoryItems.ActKey] = actId.ToString(),
        };
        if (Running.ArtifactSha256 is { } sha) items[InventoryItems.FirmwareSha256] = sha;
        foreach (var (item, value) in ExtraInventory) items[item] = value;
        return items;
    }

    private static FirmwareState Load(string statePath)
    {
        FirmwareState? state;
        try
        {
            state = JsonSerializer.Deserialize<FirmwareState>(File.ReadAllBytes(statePath), s_json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new FirmwareStoreException($"'{statePath}' cannot be read as a firmware state: {e.Message}", e);
        }
        if (state is null) throw new FirmwareStoreException($"'{statePath}' holds 'null'; expected a firmware state object.");
        return state.FindProblem() is { } problem ? throw new FirmwareStoreException($"'{statePath}': {problem}") : state;
    }

    private void Persist(FirmwareState state)
    {
        if (StatePath is not null)
        {
            var full = Path.GetFullPath(StatePath);
            var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(state, s_json));
            File.Move(temp, full, overwrite: true);
        }
        _stored = state;
    }
}

/// <summary>An image being downloaded; disposing it without installing deletes it.</summary>
public sealed class StagedImage : IAsyncDisposable
{
    internal StagedImage(Stream stream, string? tempPath)
    {
        Stream = stream;
        TempPath = tempPath;
    }

    public Stream Stream { get; }

    internal string? TempPath { get; }

    internal bool Installed { get; set; }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        if (!Installed && TempPath is not null) File.Delete(TempPath);
    }
}
