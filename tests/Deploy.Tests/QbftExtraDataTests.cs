using Kusabi.ChainAdmin.Network;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RLP;

namespace Kusabi.Deploy.Tests;

public sealed class QbftExtraDataTests
{
    private static readonly string[] Validators = [NodeKey.Generate().Address, NodeKey.Generate().Address];

    [Fact]
    public void Encoding_has_the_qbft_layout_vanity_validators_no_vote_round_zero_no_seals()
    {
        var hex = QbftExtraData.Encode(Validators);

        hex.Should().StartWith("0xf84fa0" + new string('0', 64) + "ea94").And.EndWith("c080c0");
        QbftExtraData.DecodeValidators(hex).Should().Equal(Validators);
    }

    [Fact]
    public void Extra_data_with_a_seal_is_not_a_genesis_extra_data()
    {
        var sealed_ = RLP.EncodeList(RLP.EncodeElement(new byte[32]), RLP.EncodeList(), RLP.EncodeList(), RLP.EncodeElement([]),
            RLP.EncodeList(RLP.EncodeElement(new byte[65]))).ToHex(prefix: true);

        FluentActions.Invoking(() => QbftExtraData.DecodeValidators(sealed_)).Should().Throw<FormatException>().WithMessage("*no seals*");
    }

    [Fact]
    public void Extra_data_of_another_consensus_is_refused()
    {
        var clique = "0x" + new string('0', 64) + Validators[0][2..] + new string('0', 130);

        FluentActions.Invoking(() => QbftExtraData.DecodeValidators(clique)).Should().Throw<Exception>();
    }
}
