using Kusabi.Chain.Model;
using Kusabi.Contract.Tests.Support;
using Kusabi.TestSupport;
using Xunit.Abstractions;

namespace Kusabi.Contract.Tests;

/// <summary>Gas is deterministic, so the saving of batching can be asserted rather than timed.</summary>
public sealed class GasTests(AnvilFixture anvil, ITestOutputHelper output) : RegistryTestBase(anvil)
{
    [Fact]
    public async Task Registering_100_keys_in_one_transaction_costs_less_gas_per_key_than_one_at_a_time()
    {
        // Pre keys only, so both transactions store the same fields per key.
        var single = await RegisterAsync(PreKeys(1));
        var batch = await RegisterAsync(PreKeys(100));

        var singlePerKey = (long)single.GasUsed.Value;
        var batchPerKey = (long)batch.GasUsed.Value / 100.0;
        output.WriteLine($"registerKeys, 1 key:    {singlePerKey:N0} gas per key");
        output.WriteLine($"registerKeys, 100 keys: {(long)batch.GasUsed.Value:N0} gas in total, {batchPerKey:N0} gas per key");
        output.WriteLine($"saving per key by batching: {singlePerKey - batchPerKey:N0} gas ({1 - batchPerKey / singlePerKey:P1})");

        batchPerKey.Should().BeLessThan(singlePerKey);
    }

    private static KeyRegistration[] PreKeys(int count) => Enumerable.Range(0, count).Select(_ => TestKeys.Pre()).ToArray();
}
