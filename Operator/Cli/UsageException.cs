namespace Kusabi.Operator.Cli;

/// <summary>An argument or input file is wrong in a way the parser cannot see; exits with <see cref="ExitCodes.BadArguments"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
