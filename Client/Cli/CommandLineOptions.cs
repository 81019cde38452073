using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Kusabi.Client.Cli;

/// <summary>Options shared by several commands, with validation precise enough to fix the call from the message.</summary>
public abstract class CommandLineOptions
{
    protected CommandLineOptions()
    {
    }

    public static Option<string> Server() => Validated(
        new Option<string>("--server") { Description = "Base URL of the Kusabi server, e.g. http://127.0.0.1:8080", Required = true, HelpName = "URL" },
        text => TryServer(text, out _) ? null : $"--server must be an absolute http:// or https:// URL; got '{text}'.");

    /// <summary>A required path option (FILE, DIR, …).</summary>
    public static Option<string> FileOption(string name, string description, string helpName = "FILE", bool required = true) =>
        new(name) { Description = description, Required = required, HelpName = helpName };

    public static Option<int> Bounded(string name, string description, int min, int max, int? defaultValue = null)
    {
        var option = new Option<int>(name) { Description = $"{description} ({min}–{max})", HelpName = "N", Required = defaultValue is null };
        if (defaultValue is { } value) option.DefaultValueFactory = _ => value;
        option.Validators.Add(result =>
        {
            var given = result.GetValueOrDefault<int>();
            if (given < min || given > max) result.AddError($"{name} must be between {min} and {max}; got {given}.");
        });
        return option;
    }

    /// <summary>A duration as seconds ("90", "90s"), minutes ("10m") or hours ("1h"), between 1 s and 24 h.</summary>
    public static Option<TimeSpan> Timeout(TimeSpan defaultValue) => Duration("--timeout", "Bound on the whole run, e.g. 90s, 10m, 1h", defaultValue);

    /// <summary>A duration option named <paramref name="name"/>, parsed and bounded as <see cref="Timeout"/>.</summary>
    public static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "DURATION",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
            if (text is null) return defaultValue;
            if (TryDuration(text, out var duration) && duration >= TimeSpan.FromSeconds(1) && duration <= TimeSpan.FromHours(24)) return duration;
            result.AddError($"{name} must be a duration between 1s and 24h such as 90s, 10m or 1h; got '{text}'.");
            return defaultValue;
        },
    };

    public static bool TryServer(string? text, out Uri server)
    {
        server = null!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) return false;
        server = parsed;
        return true;
    }

    public static Uri ParseServer(string text) =>
        TryServer(text, out var server) ? server : throw new UsageException($"--server must be an absolute http:// or https:// URL; got '{text}'.");

    public static Option<T> Validated<T>(Option<T> option, Func<T?, string?> problemOf)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && problemOf(result.GetValueOrDefault<T>()) is { } problem) result.AddError(problem);
        });
        return option;
    }

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var unit = text.Length > 0 && char.IsLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var number = char.IsLetter(text.Length > 0 ? text[^1] : ' ') ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value > 1e6) return false;
        duration = unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => TimeSpan.MinValue,
        };
        return duration != TimeSpan.MinValue;
    }
}
