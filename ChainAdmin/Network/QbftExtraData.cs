using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RLP;
using Nethereum.Util;

namespace Kusabi.ChainAdmin.Network;

/// <summary>
/// The genesis extraData of a QBFT chain: RLP([32-byte vanity, [validator addresses], no vote, round 0, no seals]),
/// the layout Besu's QBFT codec reads.
/// </summary>
public static class QbftExtraData
{
    private const int VanityLength = 32;

    public static string Encode(IEnumerable<string> validatorAddresses)
    {
        var validators = validatorAddresses.Select(a => RLP.EncodeElement(AddressBytes(a))).ToArray();
        return RLP.EncodeList(
            RLP.EncodeElement(new byte[VanityLength]),
            RLP.EncodeList(validators),
            RLP.EncodeList(),
            RLP.EncodeElement([]),
            RLP.EncodeList()).ToHex(prefix: true);
    }

    /// <summary>The validator addresses (checksummed) of a QBFT extraData; throws when the layout is not QBFT's.</summary>
    public static IReadOnlyList<string> DecodeValidators(string extraDataHex)
    {
        var root = RLP.Decode(extraDataHex.HexToByteArray()) as RLPCollection
            ?? throw new FormatException("extraData is not an RLP list.");
        if (root.Count != 5) throw new FormatException($"QBFT extraData has 5 items, this one {root.Count}.");
        if (root[0].RLPData is not { Length: VanityLength }) throw new FormatException("The vanity field is not 32 bytes.");
        if (root[1] is not RLPCollection validators) throw new FormatException("The validators field is not a list.");
        if (root[2] is not RLPCollection { Count: 0 }) throw new FormatException("A genesis block carries no vote.");
        if (root[3].RLPData is { Length: > 0 }) throw new FormatException("The genesis round is 0.");
        if (root[4] is not RLPCollection { Count: 0 }) throw new FormatException("A genesis block carries no seals.");
        var checksum = new AddressUtil();
        return validators.Select(v => v.RLPData is { Length: 20 } bytes
            ? checksum.ConvertToChecksumAddress(bytes.ToHex())
            : throw new FormatException("A validator is not a 20-byte address.")).ToList();
    }

    private static byte[] AddressBytes(string address)
    {
        var bytes = address.HexToByteArray();
        return bytes.Length == 20 ? bytes : throw new ArgumentException($"'{address}' is not a 20-byte address.");
    }
}
