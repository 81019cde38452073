namespace Kusabi.Grains.Activation;

/// <summary>A registry write did not complete; the activation can be retried and will pick up where it stopped.</summary>
public sealed class ActivationChainException(string message, Exception? inner = null) : Exception(message, inner);
