namespace Kusabi.DeviceClient.LoadTest;

/// <summary>The phase names of a full-pipeline load test, in order.</summary>
public static class PipelinePhases
{
    public const string Factory = "factory";
    public const string Activation = "activation";
    public const string Update = "update";
    public const string Inventory = "inventory";
}
