namespace Kusabi.Client;

/// <summary>No answer from the server after every retry: connection refused or reset, or timed out.</summary>
public sealed class KusabiUnreachableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
