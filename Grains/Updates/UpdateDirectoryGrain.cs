using Kusabi.Grains.Devices;
using Kusabi.Grains.Interfaces;

namespace Kusabi.Grains.Updates;

[GenerateSerializer, Alias("Kusabi.UpdateDirectoryState")]
public sealed class UpdateDirectoryState
{
    [Id(0)] public List<string> Products { get; set; } = [];
    [Id(1)] public List<string> Deployments { get; set; } = [];
}

public sealed class UpdateDirectoryGrain(
    [PersistentState("update-directory", DeviceGrain.StorageName)] IPersistentState<UpdateDirectoryState> storage) : Grain, IUpdateDirectoryGrain
{
    public const int MaxProducts = 10_000;
    public const int MaxDeployments = 1_000;

    public async Task AddProduct(string product)
    {
        if (storage.State.Products.Contains(product) || storage.State.Products.Count >= MaxProducts) return;
        storage.State.Products.Add(product);
        await storage.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Products() => Task.FromResult<IReadOnlyList<string>>(storage.State.Products.ToList());

    public async Task AddDeployment(string deploymentId)
    {
        var deployments = storage.State.Deployments;
        if (deployments.Contains(deploymentId)) return;
        deployments.Add(deploymentId);
        if (deployments.Count > MaxDeployments) deployments.RemoveRange(0, deployments.Count - MaxDeployments);
        await storage.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Deployments(int limit) =>
        Task.FromResult<IReadOnlyList<string>>(storage.State.Deployments.AsEnumerable().Reverse().Take(limit).ToList());
}
