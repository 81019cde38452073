using System.Net.Http.Json;
using System.Text.Json;
using Kusabi.Chain.Contract;
using Kusabi.Chain.Gateway;
using Kusabi.Chain.Model;
using Kusabi.ChainAdmin.Registry;
using Kusabi.Protocol.Identity;
using Kusabi.Silo.Endpoints;
using Nethereum.RPC.Eth.DTOs;

namespace Kusabi.EndToEnd.Tests;

/// <summary>Three silo processes on one Redis and one chain: one cluster, and each silo writes as its own member.</summary>
public sealed class LocalClusterTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    private RegistryReader Reader => new(cluster.Chain);

    [Fact]
    public async Task Each_silo_signs_as_its_own_admitted_member_account()
    {
        for (var i = 0; i < LocalCluster.Size; i++)
        {
            using var health = JsonDocument.Parse(await cluster.Clients[i].GetStringAsync("/health"));
            var chain = health.RootElement.GetProperty("chain");
            chain.GetProperty("signer").GetString().Should().Be(cluster.MemberAddresses[i]);
            chain.GetProperty("signerIsMember").GetBoolean().Should().BeTrue();
        }
    }

    [Fact]
    public async Task Pre_keys_registered_through_a_silo_are_sent_by_that_silos_member_account()
    {
        for (var i = 0; i < LocalCluster.Size; i++)
        {
            using var device = new RawDevice(cluster.Clients[i]);
            var response = await device.RegisterAsync(cluster.FactoryToken);
            response.EnsureSuccessStatusCode();
            var registered = (await response.Content.ReadFromJsonAsync<FactoryRegistrationResponse>())!.Registered.Single();

            var transaction = await cluster.Chain.Web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(registered.Transaction);
            transaction.From.Should().BeEquivalentTo(cluster.MemberAddresses[i]);
            (await RegistrarOfAsync(device.PreId)).Should().BeEquivalentTo(cluster.MemberAddresses[i]);
        }
    }

    [Fact]
    public async Task Devices_registered_on_one_silo_activate_through_another_and_every_write_is_by_a_member()
    {
        var devices = new List<RawDevice>();
        for (var k = 0; k < 6; k++)
        {
            var device = new RawDevice(cluster.Clients[(k + 1) % LocalCluster.Size]);
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/factory/pre-keys") { Content = JsonContent.Create(new { keys = new[] { device.FactoryKey() } }) };
            request.Headers.Authorization = new("Bearer", cluster.FactoryToken);
            (await cluster.Clients[k % LocalCluster.Size].SendAsync(request)).EnsureSuccessStatusCode();
            devices.Add(device);
        }

        await Task.WhenAll(devices.Select(d => d.ActivateAsync()));

        foreach (var device in devices)
        {
            (await Reader.GetKeyAsync(device.ActId)).Status.Should().Be(KeyStatus.Active);
            (await Reader.GetKeyAsync(device.PreId)).Status.Should().Be(KeyStatus.Consumed);
            cluster.MemberAddresses.Should().ContainEquivalentOf(await RegistrarOfAsync(device.ActId));
            device.Dispose();
        }
    }

    [Fact]
    public async Task Running_the_registry_setup_again_changes_nothing()
    {
        var again = await RegistrySetup.EnsureAsync(cluster.Chain.Options.RpcUrl!, cluster.Chain.Options.ChainId,
            cluster.Chain.Options.SignerPrivateKey!, cluster.MemberAddresses);

        again.Deployed.Should().BeFalse();
        again.MembersAdded.Should().BeEmpty();
        again.Contract.Should().BeEquivalentTo(cluster.Chain.ContractAddress);
    }

    private async Task<string> RegistrarOfAsync(KusabiId id)
    {
        var registered = cluster.Chain.Web3.Eth.GetEvent<KeyRegisteredEvent>(cluster.Chain.ContractAddress);
        var logs = await registered.GetAllChangesAsync(registered.CreateFilterInput(BlockParameter.CreateEarliest(), BlockParameter.CreateLatest()));
        return logs.Single(l => l.Event.Id.AsSpan().SequenceEqual(id.ToArray())).Event.Registrar;
    }
}
