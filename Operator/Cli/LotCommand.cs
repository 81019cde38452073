using System.CommandLine;

namespace Kusabi.Operator.Cli;

/// <summary>`lot revoke`: every active key of a factory lot's devices, revoked in one chain transaction.</summary>
public static class LotCommand
{
    public static Command Create()
    {
        var lot = new Argument<string>("lot") { Description = "The factory lot's name" };
        lot.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string>();
            if (text is not { Length: > 0 and <= 64 } || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                r.AddError($"The lot must be 1–64 letters, digits, '-', '_' or '.'; got '{text}'.");
        });
        var reason = new Option<string>("--reason") { Description = "Why (kept in each device's timeline)", Required = true, HelpName = "TEXT" };
        reason.Validators.Add(r => { if (r.GetValueOrDefault<string>() is not { Length: > 0 and <= 200 }) r.AddError("--reason must be 1–200 characters."); });
        var server = new ServerOptions();
        var revoke = new Command("revoke", "Revoke every active key of the lot's devices, in one chain transaction.") { lot, reason };
        server.AddTo(revoke);
        revoke.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var connection = server.Connect(parse);
            var answer = await connection.Fleet.RevokeLotAsync(parse.GetValue(lot)!, parse.GetValue(reason)!, cancellationToken);
            Console.WriteLine(answer.Transaction is null
                ? $"Lot {answer.Lot}: no key was still active; its devices are marked revoked."
                : $"Lot {answer.Lot}: {answer.Keys} key(s) revoked in block {answer.Block}, transaction {answer.Transaction}.");
            return ExitCodes.Ok;
        }, cancellationToken));
        var command = new Command("lot", "Act on a factory lot.");
        command.Subcommands.Add(revoke);
        return command;
    }
}
