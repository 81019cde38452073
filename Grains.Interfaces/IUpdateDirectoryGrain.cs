namespace Kusabi.Grains.Interfaces;

/// <summary>
/// Which products have releases and which deployments were started, so operators can list them:
/// release catalogs and deployments are grains keyed by name and cannot be enumerated. One per
/// cluster (key 0); both lists are bounded, the oldest deployments dropping out first.
/// </summary>
[Alias("Kusabi.IUpdateDirectoryGrain")]
public interface IUpdateDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("AddProduct")]
    Task AddProduct(string product);

    /// <summary>Products in the order their first release was published.</summary>
    [Alias("Products")]
    Task<IReadOnlyList<string>> Products();

    [Alias("AddDeployment")]
    Task AddDeployment(string deploymentId);

    /// <summary>Deployment ids, newest first.</summary>
    [Alias("Deployments")]
    Task<IReadOnlyList<string>> Deployments(int limit);
}
