namespace Kusabi.Deploy.Tests;

/// <summary>Sets the variables Kubernetes gives a pod for one test, then restores them; tests using it run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PodEnvironment : IDisposable
{
    public const string Name = "pod environment";
    private static readonly string[] Variables = ["POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_CLUSTER_ID"];
    private readonly Dictionary<string, string?> _previous = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);

    public static PodEnvironment Set(string podName, string podNamespace, string podIp, string clusterId)
    {
        var environment = new PodEnvironment();
        string[] values = [podName, podNamespace, podIp, clusterId];
        for (var i = 0; i < Variables.Length; i++) Environment.SetEnvironmentVariable(Variables[i], values[i]);
        return environment;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous) Environment.SetEnvironmentVariable(name, value);
    }
}
