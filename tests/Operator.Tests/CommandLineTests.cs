using Kusabi.Operator.Cli;

namespace Kusabi.Operator.Tests;

public sealed class CommandLineTests
{
    private const string Server = "http://127.0.0.1:1";
    private static readonly string s_ref = new('a', 64);

    [Theory]
    [InlineData("--page-size must be between 1 and 500; got 0.", "devices", "list", "--server", Server, "--page-size", "0")]
    [InlineData("--release must be PRODUCT or PRODUCT:VERSION with a positive VERSION; got 'cam:0'.", "devices", "list", "--server", Server, "--release", "cam:0")]
    [InlineData("--search must be 1–64 hexadecimal characters; got 'zz'.", "devices", "list", "--server", Server, "--search", "zz")]
    [InlineData("The device must be 64 hexadecimal characters (a device reference or kusabi-ID); got 'xyz'.", "device", "show", "xyz", "--server", Server)]
    [InlineData("Option '--reason' is required.", "lot", "revoke", "lot-1", "--server", Server)]
    [InlineData("The lot must be 1–64 letters, digits, '-', '_' or '.'; got 'a b'.", "lot", "revoke", "a b", "--reason", "x", "--server", Server)]
    [InlineData("--contract must be 0x followed by 40 hexadecimal characters; got '0x1'.", "audit", "--rpc", Server, "--contract", "0x1", "--server", Server)]
    [InlineData("--server must be an absolute http:// or https:// URL; got 'localhost'.", "fleet", "summary", "--server", "localhost")]
    public async Task Bad_arguments_exit_2_with_a_precise_message(string expected, params string[] args)
    {
        var error = new StringWriter();

        var code = await CommandLine.InvokeAsync(args, error);

        code.Should().Be(ExitCodes.BadArguments);
        error.ToString().Should().Contain(expected);
    }

    [Fact]
    public async Task A_device_reference_must_be_given()
    {
        (await CommandLine.InvokeAsync(["device", "revoke", "--reason", "x", "--server", Server], new StringWriter())).Should().Be(ExitCodes.BadArguments);
    }

    [Fact]
    public void Without_token_option_file_or_environment_variable_the_token_is_missing()
    {
        var missing = () => ServerOptions.ResolveToken(null, null, null);

        missing.Should().Throw<MissingTokenException>().WithMessage($"*--token, --token-file or set {ServerOptions.TokenVariable}*");
    }

    [Fact]
    public void The_token_option_wins_over_the_environment_variable()
    {
        ServerOptions.ResolveToken(" abc ", null, "env").Should().Be("abc");
        ServerOptions.ResolveToken(null, null, "env").Should().Be("env");
    }

    [Fact]
    public void A_token_file_that_cannot_be_read_is_a_usage_error()
    {
        var read = () => ServerOptions.ResolveToken(null, "/nonexistent/token", null);

        read.Should().Throw<UsageException>().WithMessage("--token-file '/nonexistent/token' cannot be read*");
    }

    [Theory]
    [InlineData(401, ExitCodes.AuthFailed)]
    [InlineData(403, ExitCodes.AuthFailed)]
    [InlineData(404, ExitCodes.Refused)]
    [InlineData(409, ExitCodes.Refused)]
    [InlineData(400, ExitCodes.Refused)]
    [InlineData(503, ExitCodes.Failed)]
    public void Server_answers_map_to_exit_codes(int status, int exitCode)
    {
        CommandRunner.ExitCodeOf(status).Should().Be(exitCode);
    }
}
