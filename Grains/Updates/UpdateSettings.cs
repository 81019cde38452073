namespace Kusabi.Grains.Updates;

public sealed class UpdateSettings
{
    /// <summary>How far a signed request's timestamp may be from the server's clock.</summary>
    public TimeSpan RequestWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an inventory nonce stays valid.</summary>
    public TimeSpan InventoryNonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Poll interval suggested to devices.</summary>
    public int PollAfterSeconds { get; set; } = 30;
}
