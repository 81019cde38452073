using Kusabi.Grains.Interfaces;

namespace Kusabi.Grains.Tests.Support;

public static class Expect
{
    public static void ShouldFailWith<T>(this Outcome<T> outcome, string code)
    {
        outcome.Succeeded.Should().BeFalse();
        outcome.Failure!.Code.Should().Be(code, outcome.Failure.Detail);
    }
}
