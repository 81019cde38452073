using Kusabi.Chain.Contract;
using Kusabi.Contract.Tests.Support;
using Kusabi.TestSupport;
using Xunit.Abstractions;

namespace Kusabi.Contract.Tests;

public sealed class ProbeTests(AnvilFixture anvil, ITestOutputHelper output) : RegistryTestBase(anvil)
{
    [Fact]
    public async Task Probe()
    {
        var input = KeyInputs.From(TestKeys.Pre());
        input.Purpose = 4;
        try { await As(Admin).SendAsync(new RegisterKeysFunction { Keys = [input] }); output.WriteLine("no error"); }
        catch (Exception e) { output.WriteLine(e.GetType().FullName + ": " + e.Message + " / inner " + e.InnerException?.GetType().FullName); }
        var bad = KeyInputs.From(TestKeys.Pre());
        bad.PublicKey = new byte[5];
        try { await As(Admin).SendAsync(new RegisterKeysFunction { Keys = [bad] }); output.WriteLine("no error"); }
        catch (Exception e) { output.WriteLine(e.GetType().FullName + ": " + e.Message); }
    }
}
