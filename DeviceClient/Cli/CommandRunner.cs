using Kusabi.DeviceClient.Device;

namespace Kusabi.DeviceClient.Cli;

/// <summary>Runs a command body and turns each kind of failure into its exit code and one clear line on stderr.</summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is UsageException or DeviceBundleException or FirmwareStoreException)
        {
            return Fail(ExitCodes.BadArguments, e.Message);
        }
        catch (KusabiApiException e)
        {
            return Fail(ExitCodes.ServerRefused, $"The server refused: {e.Status} {e.Code}: {e.Detail ?? e.Title ?? "(no detail)"}");
        }
        catch (KusabiProtocolException e)
        {
            return Fail(ExitCodes.ServerRefused, $"The server's answer is unusable: {e.Message}");
        }
        catch (KusabiUnreachableException e)
        {
            return Fail(ExitCodes.ServerUnreachable, $"The server is unreachable: {e.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(ExitCodes.Cancelled, "Cancelled.");
        }
        catch (Exception e) when (e is TimeoutException or IOException or UnauthorizedAccessException)
        {
            return Fail(ExitCodes.Failed, e.Message);
        }
    }

    private static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine(message);
        return exitCode;
    }
}
