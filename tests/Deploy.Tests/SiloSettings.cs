using System.Collections;
using System.Reflection;
using Kusabi.Chain.Gateway;
using Kusabi.Grains.Activation;
using Kusabi.Grains.Updates;
using Kusabi.Silo.Hosting;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Kusabi.Deploy.Tests;

/// <summary>
/// The configuration keys the silo binds, found by reflection over the options classes it binds
/// (SiloApplication and SiloProfile), so a misspelt or stale key in a deployment file is caught.
/// </summary>
public static class SiloSettings
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [KusabiOptions.Section] = typeof(KusabiOptions),
        [ChainOptions.Section] = typeof(ChainOptions),
        ["Activation"] = typeof(ActivationSettings),
        ["Updates"] = typeof(UpdateSettings),
        ["Orleans:Membership"] = typeof(ClusterMembershipOptions),
        ["Orleans:Kubernetes"] = typeof(KubernetesHostingOptions),
    };

    /// <summary>Read from the environment by ASP.NET Core itself or by Orleans' Kubernetes hosting.</summary>
    private static readonly HashSet<string> PlatformVariables = new(StringComparer.Ordinal)
    {
        "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT",
        KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable, KubernetesHostingOptions.ClusterIdEnvironmentVariable,
        KubernetesHostingOptions.ServiceIdEnvironmentVariable,
    };

    /// <summary>True when an environment variable name (Section__Key__0__Sub) names a setting the silo reads.</summary>
    public static bool Reads(string variable)
    {
        if (PlatformVariables.Contains(variable)) return true;
        var path = variable.Split("__");
        if (path[0].Equals("Logging", StringComparison.OrdinalIgnoreCase)) return path.Length > 1;
        for (var split = path.Length - 1; split >= 1; split--)
        {
            if (Sections.TryGetValue(string.Join(':', path[..split]), out var type))
                return Binds(type, path[split..]);
        }
        return false;
    }

    private static bool Binds(Type type, string[] path)
    {
        if (path.Length == 0) return IsLeaf(type);
        if (ElementType(type) is { } element)
            return int.TryParse(path[0], out _) && Binds(element, path[1..]);
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanWrite: true } && Binds(property.PropertyType, path[1..]);
    }

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(TimeSpan) || t == typeof(decimal);
    }

    private static Type? ElementType(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0] : null;
}
