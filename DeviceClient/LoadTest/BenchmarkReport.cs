using System.Text.Json;

namespace Kusabi.DeviceClient.LoadTest;

/// <summary>Writes benchmark results as indented JSON, creating the folder if needed.</summary>
public static class BenchmarkReport
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteJsonAsync<T>(string path, T results, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(results, Json), cancellationToken);
        Console.WriteLine($"results written to {path}");
    }
}
