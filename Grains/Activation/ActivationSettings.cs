namespace Kusabi.Grains.Activation;

public sealed class ActivationSettings
{
    /// <summary>How long a device has to finish steps 3–5 after step 2.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeline entries kept per device (oldest dropped first).</summary>
    public int TimelineLimit { get; set; } = 50;
}
