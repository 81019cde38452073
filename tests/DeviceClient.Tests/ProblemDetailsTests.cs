using System.Net;
using System.Text;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Protocol.Activation;

namespace Kusabi.DeviceClient.Tests;

public sealed class ProblemDetailsTests
{
    [Fact]
    public async Task Problem_json_becomes_a_typed_exception()
    {
        var handler = new FakeHandler((_, _) => Task.FromResult(FakeHandler.Problem(409, ProblemCodes.PreKeyConsumed, "Already used.")));

        var act = () => Api.Over(handler).PostAsync<object>("v1/activation/sessions", new BeginActivationRequest("ab"), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<KusabiApiException>()).Which;
        error.Status.Should().Be(409);
        error.Code.Should().Be(ProblemCodes.PreKeyConsumed);
        error.Detail.Should().Be("Already used.");
        error.Title.Should().Be("Problem");
        error.Type.Should().Be("urn:kusabi:problem:pre-key-consumed");
        error.IsSessionLost.Should().BeFalse();
    }

    [Theory]
    [InlineData(ProblemCodes.UnknownSession, true)]
    [InlineData(ProblemCodes.SessionExpired, true)]
    [InlineData(ProblemCodes.InvalidSeal, false)]
    public void Session_loss_is_recognised(string code, bool lost) =>
        new KusabiApiException(404, code, null, null).IsSessionLost.Should().Be(lost);

    [Fact]
    public void A_text_answer_keeps_its_status_and_an_excerpt()
    {
        var error = ProblemDetailsReader.Read(500, "text/html", Encoding.UTF8.GetBytes("<h1>Internal Server Error</h1>"));
        error.Code.Should().Be("http-500");
        error.Detail.Should().Be("<h1>Internal Server Error</h1>");
    }

    [Fact]
    public void A_problem_without_a_kusabi_type_falls_back_to_its_code_extension_then_the_status()
    {
        ProblemDetailsReader.Read(400, "application/problem+json", """{"type":"about:blank","code":"malformed-request"}"""u8).Code.Should().Be("malformed-request");
        ProblemDetailsReader.Read(404, "application/problem+json", """{"title":"Not Found"}"""u8).Code.Should().Be("http-404");
    }

    [Fact]
    public async Task A_success_with_unexpected_json_is_a_protocol_error()
    {
        var handler = new FakeHandler((_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, "[1,2")));
        var act = () => Api.Over(handler).PostAsync<ActKeyResponse>("v1/activation/act-key", new { }, CancellationToken.None);
        await act.Should().ThrowAsync<KusabiProtocolException>();
    }
}
