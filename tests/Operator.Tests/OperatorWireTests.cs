using System.Text.Json;
using Kusabi.Client;

namespace Kusabi.Operator.Tests;

public sealed class OperatorWireTests
{
    [Theory]
    [InlineData("0", DeploymentStatus.Running)]
    [InlineData("2", DeploymentStatus.Halted)]
    [InlineData("\"Completed\"", DeploymentStatus.Completed)]
    public void A_deployment_state_is_read_as_its_name_whether_sent_as_number_or_name(string state, string expected)
    {
        var status = JsonSerializer.Deserialize<DeploymentStatus>($"{{\"id\":\"d1\",\"state\":{state},\"counts\":{{\"installed\":3}}}}", KusabiJson.Options)!;

        status.State.Should().Be(expected);
        status.Counts!.Installed.Should().Be(3);
    }

    [Fact]
    public void An_unknown_deployment_state_number_is_refused()
    {
        var read = () => JsonSerializer.Deserialize<DeploymentStatus>("{\"id\":\"d1\",\"state\":7}", KusabiJson.Options);

        read.Should().Throw<JsonException>();
    }
}
