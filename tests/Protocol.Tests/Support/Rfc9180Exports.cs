namespace Kusabi.Protocol.Tests.Support;

/// <summary>
/// The exported values of RFC 9180 A.1.1.2 and A.2.1.2 (base mode, L = 32). The shared vector
/// file leaves them out, so they are copied from the RFC here to cover the secret export too.
/// </summary>
internal static class Rfc9180Exports
{
    private const string _testContext = "54657374436f6e74657874"; // "_testContext"

    public static IReadOnlyList<HpkeVectorExport> For(int aeadId) => aeadId switch
    {
        1 =>
        [
            new("", 32, "3853fe2b4035195a573ffc53856e77058e15d9ea064de3e59f4961d0095250ee"),
            new("00", 32, "2e8f0b54673c7029649d4eb9d5e33bf1872cf76d623ff164ac185da9e88c21a5"),
            new(_testContext, 32, "e9e43065102c3836401bed8c3c3c75ae46be1639869391d62c61f1ec7af54931"),
        ],
        3 =>
        [
            new("", 32, "4bbd6243b8bb54cec311fac9df81841b6fd61f56538a775e7c80a9f40160606e"),
            new("00", 32, "8c1df14732580e5501b00f82b10a1647b40713191b7c1240ac80e2b68808ba69"),
            new(_testContext, 32, "5acb09211139c43b3090489a9da433e8a30ee7188ba8b0a9a1ccf0c229283e53"),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(aeadId), aeadId, "No RFC 9180 exports recorded for this AEAD."),
    };
}
