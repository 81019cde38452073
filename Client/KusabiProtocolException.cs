namespace Kusabi.Client;

/// <summary>
/// The server answered "success" with something the device cannot accept: malformed JSON, a field
/// of the wrong size, or a sealed value that does not open. Messages never carry key material.
/// </summary>
public sealed class KusabiProtocolException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The protocol says to start again at step 1 (e.g. a step-4 grant that does not open).</summary>
    public bool StartAgain { get; init; }
}
