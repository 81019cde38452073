using Kusabi.Chain.Model;
using Kusabi.Client;

namespace Kusabi.Operator.Cli;

/// <summary>Runs a command body and turns each kind of failure into its exit code and one clear line on stderr.</summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is UsageException or KeyFileException)
        {
            return Fail(ExitCodes.BadArguments, e.Message);
        }
        catch (MissingTokenException e)
        {
            return Fail(ExitCodes.AuthFailed, e.Message);
        }
        catch (KusabiApiException e)
        {
            return Fail(ExitCodeOf(e.Status), $"The server refused: {e.Status} {e.Code}: {e.Detail ?? e.Title ?? "(no detail)"}");
        }
        catch (KusabiProtocolException e)
        {
            return Fail(ExitCodes.Failed, $"The server's answer is unusable: {e.Message}");
        }
        catch (KusabiUnreachableException e)
        {
            return Fail(ExitCodes.Failed, $"The server is unreachable: {e.Message}");
        }
        catch (ChainException e)
        {
            return Fail(ExitCodes.Failed, $"The chain node failed: {e.Message}");
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

    /// <summary>401/403: the token; other 4xx: the request was refused or names something unknown; 5xx: the server's fault.</summary>
    public static int ExitCodeOf(int status) => status switch
    {
        401 or 403 => ExitCodes.AuthFailed,
        >= 400 and < 500 => ExitCodes.Refused,
        _ => ExitCodes.Failed,
    };

    private static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine(message);
        return exitCode;
    }
}
