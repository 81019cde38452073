namespace Kusabi.Operator.Cli;

/// <summary>No bearer token was given; exits with <see cref="ExitCodes.AuthFailed"/> before anything is sent.</summary>
public sealed class MissingTokenException(string message) : Exception(message);
