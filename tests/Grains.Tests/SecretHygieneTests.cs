using System.Text.Json;
using Kusabi.Grains.Devices;
using Kusabi.Grains.Tests.Support;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Encoding;

namespace Kusabi.Grains.Tests;

/// <summary>The session key and the act private seed never reach storage, whatever happens.</summary>
public sealed class SecretHygieneTests : IDisposable
{
    private readonly ActivationHarness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>Every state ever written, and the live state, serialized with System.Text.Json.</summary>
    private void NoSecretShouldHaveBeenPersisted(int expectedSecrets)
    {
        _h.Device.Secrets.Should().HaveCount(expectedSecrets);
        var states = _h.Store.Writes.Append(_h.State).ToList();
        foreach (var secret in _h.Device.Secrets)
        {
            foreach (var state in states)
            {
                var json = StateCopy.Json(state);
                foreach (var form in Spellings(secret))
                    json.Should().NotContain(form);
                DecodedStrings(json).Should().NotContain(bytes => Contains(bytes, secret));
            }
        }
    }

    private static IEnumerable<string> Spellings(byte[] secret) =>
        [Convert.ToHexString(secret), Convert.ToHexStringLower(secret), Convert.ToBase64String(secret), Base64Url.Encode(secret)];

    /// <summary>Every JSON string that decodes as base64 or hex, so a secret embedded in a longer value is caught too.</summary>
    private static IEnumerable<byte[]> DecodedStrings(string json)
    {
        var pending = new Stack<JsonElement>([JsonDocument.Parse(json).RootElement]);
        while (pending.TryPop(out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in element.EnumerateObject()) pending.Push(p.Value);
                    break;
                case JsonValueKind.Array:
                    foreach (var e in element.EnumerateArray()) pending.Push(e);
                    break;
                case JsonValueKind.String:
                    var text = element.GetString()!;
                    if (element.TryGetBytesFromBase64(out var b64)) yield return b64;
                    if (Hex.TryDecode(text.ToLowerInvariant(), out var hex)) yield return hex;
                    break;
            }
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [Fact]
    public async Task The_happy_path_persists_neither_the_session_key_nor_the_act_seed()
    {
        await _h.ActivateAsync();

        _h.Store.WriteCount.Should().BeGreaterThan(0);
        NoSecretShouldHaveBeenPersisted(expectedSecrets: 2);
    }

    [Fact]
    public async Task Several_grants_in_one_session_persist_none_of_their_seeds()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        await _h.IssueOkAsync();
        await _h.IssueOkAsync();
        await _h.ConfirmOkAsync();

        NoSecretShouldHaveBeenPersisted(expectedSecrets: 4);
    }

    [Fact]
    public async Task Recovery_after_a_crash_persists_no_secret_of_either_attempt()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        _h.Restart();
        await _h.ActivateAsync();

        NoSecretShouldHaveBeenPersisted(expectedSecrets: 4);
    }

    [Fact]
    public async Task Chain_failures_persist_no_session_key()
    {
        await _h.BeginOkAsync();
        _h.Chain.FailNext(ChainCall.Register);
        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.ChainUnavailable);
        _h.Chain.FailNext(ChainCall.Consume);
        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.ChainUnavailable);
        await _h.IssueOkAsync();
        await _h.ConfirmOkAsync();

        NoSecretShouldHaveBeenPersisted(expectedSecrets: 2);
    }

    [Fact]
    public async Task The_persisted_act_key_is_the_public_half_of_the_delivered_seed()
    {
        await _h.ActivateAsync();

        _h.Store.LastPersisted!.Act!.PublicKey.Should().Equal(_h.Device.ActPublicKey());
        _h.Store.LastPersisted.Act.PublicKey.Should().NotEqual(_h.Device.ActSeed);
    }

    [Fact]
    public async Task The_test_state_copy_keeps_every_field()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        await _h.ConfirmOkAsync();
        _h.State.CloneAlerts = 7;

        StateCopy.Json(StateCopy.Of(_h.State)).Should().Be(StateCopy.Json(_h.State));
        StateCopy.Of(_h.State).Act.Should().NotBeSameAs(_h.State.Act);
        typeof(DeviceState).GetProperties().Should().OnlyContain(p => p.CanWrite, "StateCopy copies settable properties only");
    }
}
