using System.Diagnostics;
using Kusabi.Chain.Contract;
using Kusabi.Chain.Node;
using Nethereum.ABI.ABIDeserialisation;
using Nethereum.Contracts;
using Xunit.Abstractions;

namespace Kusabi.Contract.Tests;

/// <summary>The committed build output is what the source compiles to, and what the bindings and deployer use.</summary>
public sealed class ArtifactTests(ITestOutputHelper output)
{
    private static readonly string Root = Toolchain.RepositoryRoot()
        ?? throw new InvalidOperationException("No folder with package.json and contracts/ above the test binaries.");

    [Fact]
    public async Task The_committed_abi_and_bytecode_match_a_fresh_compile()
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "contracts/compile.mjs", "--check" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        output.WriteLine(await stdout);
        process.ExitCode.Should().Be(0, "contracts/build must be regenerated with `npm run compile-contracts`: {0}", await stderr);
    }

    [Fact]
    public void The_embedded_bytecode_is_the_committed_bin()
    {
        var committed = File.ReadAllText(Path.Combine(Root, "contracts", "build", "KeyRegistry.bin")).Trim();

        KeyRegistryArtifacts.Bytecode.Should().Be("0x" + committed);
    }

    [Fact]
    public void The_embedded_abi_is_the_committed_abi()
    {
        KeyRegistryArtifacts.Abi.Should().Be(File.ReadAllText(Path.Combine(Root, "contracts", "build", "KeyRegistry.abi.json")));
    }

    [Fact]
    public void Every_binding_has_the_signature_of_an_abi_entry()
    {
        var abi = new ABIJsonDeserialiser().DeserialiseContract(KeyRegistryArtifacts.Abi);

        var functions = new[]
        {
            ABITypedRegistry.GetFunctionABI<RegisterKeysFunction>(), ABITypedRegistry.GetFunctionABI<ConsumeKeysFunction>(),
            ABITypedRegistry.GetFunctionABI<RevokeKeysFunction>(), ABITypedRegistry.GetFunctionABI<ApplyBatchFunction>(),
            ABITypedRegistry.GetFunctionABI<AnchorReleaseFunction>(), ABITypedRegistry.GetFunctionABI<AddMemberFunction>(),
            ABITypedRegistry.GetFunctionABI<RemoveMemberFunction>(), ABITypedRegistry.GetFunctionABI<TransferAdminFunction>(),
            ABITypedRegistry.GetFunctionABI<GetKeyFunction>(), ABITypedRegistry.GetFunctionABI<LatestReleaseFunction>(),
            ABITypedRegistry.GetFunctionABI<IsMemberFunction>(), ABITypedRegistry.GetFunctionABI<AdminFunction>(),
        };
        var events = new[]
        {
            ABITypedRegistry.GetEvent<KeyRegisteredEvent>(), ABITypedRegistry.GetEvent<KeyStatusChangedEvent>(),
            ABITypedRegistry.GetEvent<MemberAddedEvent>(), ABITypedRegistry.GetEvent<MemberRemovedEvent>(),
            ABITypedRegistry.GetEvent<AdminTransferredEvent>(), ABITypedRegistry.GetEvent<ReleaseAnchoredEvent>(),
        };
        var errors = new[]
        {
            ABITypedRegistry.GetError<NotAdminError>(), ABITypedRegistry.GetError<NotMemberError>(), ABITypedRegistry.GetError<ZeroAddressError>(),
            ABITypedRegistry.GetError<InvalidKeyError>(), ABITypedRegistry.GetError<KeyConflictError>(), ABITypedRegistry.GetError<UnknownKeyError>(),
            ABITypedRegistry.GetError<InvalidTransitionError>(), ABITypedRegistry.GetError<WrongPurposeError>(),
            ABITypedRegistry.GetError<VersionNotIncreasingError>(),
        };

        abi.Functions.Select(f => f.Sha3Signature).Should().Contain(functions.Select(f => f.Sha3Signature));
        abi.Events.Select(e => e.Sha3Signature).Should().BeEquivalentTo(events.Select(e => e.Sha3Signature));
        abi.Errors.Select(e => e.Sha3Signature).Should().BeEquivalentTo(errors.Select(e => e.Sha3Signature));
    }
}
