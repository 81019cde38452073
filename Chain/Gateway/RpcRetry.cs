using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Nethereum.JsonRpc.Client;

namespace Kusabi.Chain.Gateway;

/// <summary>Retries transport failures (connection refused, reset, timeout) with capped backoff; never a revert.</summary>
internal static class RpcRetry
{
    public static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken, int attempts = 6)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (IsTransient(e) && attempt < attempts)
            {
                await Task.Delay(Backoff[Math.Min(attempt - 1, Backoff.Length - 1)], cancellationToken);
            }
            catch (Exception e) when (IsTransient(e))
            {
                throw new ChainUnavailableException($"The chain node did not answer after {attempts} attempts: {e.Message}", e);
            }
        }
    }

    /// <summary>Anything but an answer from the node (an RPC error or a revert) is a transport failure.</summary>
    public static bool IsTransient(Exception e) =>
        RegistryErrorDecoder.RevertData(e) is null && e is not RpcResponseException && e is not OperationCanceledException { CancellationToken.IsCancellationRequested: true }
        && e is not ChainException && (e is RpcClientUnknownException or RpcClientTimeoutException or HttpRequestException or TaskCanceledException or IOException
            || e.InnerException is not null && IsTransient(e.InnerException));
}
