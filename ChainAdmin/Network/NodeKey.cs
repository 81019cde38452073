using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Util;

namespace Kusabi.ChainAdmin.Network;

/// <summary>A secp256k1 key pair as Besu and Ethereum accounts use it: the node's enode ID is its public key.</summary>
public sealed record NodeKey(string PrivateKey, string PublicKey, string Address)
{
    /// <summary>The 64-byte uncompressed public key without its 0x04 prefix, as enode URLs spell it.</summary>
    public string EnodeId => PublicKey.RemoveHexPrefix();

    public static NodeKey Generate() => From(EthECKey.GenerateKey());

    public static NodeKey FromPrivateKey(string privateKeyHex) => From(new EthECKey(privateKeyHex.Trim()));

    /// <summary>The account address of a public key: the last 20 bytes of its Keccak-256 hash.</summary>
    public static string AddressOfPublicKey(string publicKeyHex)
    {
        var publicKey = publicKeyHex.Trim().HexToByteArray();
        if (publicKey.Length != 64) throw new ArgumentException("A public key has 64 bytes (no 0x04 prefix).", nameof(publicKeyHex));
        var hash = new Sha3Keccack().CalculateHash(publicKey);
        return new AddressUtil().ConvertToChecksumAddress(hash[12..].ToHex());
    }

    private static NodeKey From(EthECKey key) =>
        new(key.GetPrivateKeyAsBytes().ToHex(prefix: true), key.GetPubKeyNoPrefix().ToHex(prefix: true), key.GetPublicAddress());
}
