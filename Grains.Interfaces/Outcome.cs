namespace Kusabi.Grains.Interfaces;

/// <summary>
/// A grain answer that is either a value or a protocol failure. Failures are values, not
/// exceptions, so their codes survive serialization between silos exactly.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kusabi.Outcome`1")]
public sealed record Outcome<T>([property: Id(0)] T? Value, [property: Id(1)] Failure? Failure)
{
    public bool Succeeded => Failure is null;

    public static Outcome<T> Ok(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}

/// <summary>A refusal with a problem code from <c>ProblemCodes</c> and a message safe to show the caller.</summary>
[GenerateSerializer, Immutable, Alias("Kusabi.Failure")]
public sealed record Failure([property: Id(0)] string Code, [property: Id(1)] string Detail);
