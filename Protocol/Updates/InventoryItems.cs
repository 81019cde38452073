namespace Kusabi.Protocol.Updates;

/// <summary>The inventory items every device reports and every release expects by default.</summary>
public static class InventoryItems
{
    public const string FirmwareProduct = "firmware.product";
    public const string FirmwareVersion = "firmware.version";
    public const string FirmwareSha256 = "firmware.sha256";
    public const string ActKey = "act-key";
}
