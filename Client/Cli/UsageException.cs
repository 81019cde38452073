namespace Kusabi.Client.Cli;

/// <summary>An argument or input file is wrong in a way the parser cannot see; the tools exit with their "bad arguments" code.</summary>
public sealed class UsageException(string message) : Exception(message);
