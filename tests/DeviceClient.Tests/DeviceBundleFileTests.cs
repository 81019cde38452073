using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Tests;

public sealed class DeviceBundleFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static DeviceBundle PreBundle() =>
        DeviceManufacturer.Make(new Uri("http://127.0.0.1:8080"), 31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3").Bundle;

    [Fact]
    public void Pre_bundle_round_trips()
    {
        var bundle = PreBundle();
        var path = _folder.File("device.json");

        DeviceBundleFile.Save(bundle, path);
        var loaded = DeviceBundleFile.Load(path);

        loaded.DeviceRef.Should().Be(bundle.DeviceRef);
        loaded.ServerUrl.Should().Be(bundle.ServerUrl);
        loaded.ChainId.Should().Be(31337);
        loaded.ContractAddress.Should().Be(bundle.ContractAddress);
        loaded.PreId.Should().Be(bundle.PreId);
        loaded.PrePrivateKey.Should().Equal(bundle.PrePrivateKey);
        loaded.IsActivated.Should().BeFalse();
    }

    [Fact]
    public void Activated_bundle_round_trips_without_the_pre_key()
    {
        var actId = KusabiId.Create(KeyPurpose.Act, new byte[32]);
        var bundle = PreBundle().WithActKey(actId, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var path = _folder.File("device.json");

        DeviceBundleFile.Save(bundle, path);
        var loaded = DeviceBundleFile.Load(path);
        var text = File.ReadAllText(path);

        loaded.IsActivated.Should().BeTrue();
        loaded.ActId.Should().Be(actId);
        loaded.ActPrivateKey.Should().Equal(bundle.ActPrivateKey);
        loaded.PreId.Should().BeNull();
        text.Should().NotContain("preId").And.NotContain("prePrivateKey").And.Contain("\"actPrivateKey\"");
    }

    [Fact]
    public void Granted_bundle_round_trips_with_pre_key_and_grant()
    {
        var grant = new ActivationGrant(new byte[16], KusabiId.Create(KeyPurpose.Act, new byte[32]), new byte[32]);
        var bundle = PreBundle() with { Grant = grant };
        var path = _folder.File("device.json");

        DeviceBundleFile.Save(bundle, path);
        var loaded = DeviceBundleFile.Load(path);

        loaded.PrePrivateKey.Should().Equal(bundle.PrePrivateKey);
        loaded.Grant!.ActId.Should().Be(grant.ActId);
        loaded.Grant.SessionId.Should().Equal(grant.SessionId);
        loaded.WithActKey(grant.ActId, grant.ActPrivateKey).Grant.Should().BeNull();
    }

    [Fact]
    public void Saved_file_is_owner_only_in_a_new_owner_only_folder_with_no_temp_left()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(_folder.Path, "new", "device.json");

        DeviceBundleFile.Save(PreBundle(), path);
        DeviceBundleFile.Save(PreBundle(), path); // overwriting is atomic too

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.GetDirectoryName(path)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().ContainSingle();
    }

    [Fact]
    public void Overwriting_a_world_readable_file_leaves_it_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = _folder.File("device.json");
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        DeviceBundleFile.Save(PreBundle(), path);

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        var path = _folder.File("absent.json");
        var act = () => DeviceBundleFile.Load(path);
        act.Should().Throw<DeviceBundleException>().WithMessage($"Device bundle '{path}': the file does not exist.");
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "", "the file is empty." },
        { "null", "the document is 'null'; expected a JSON object." },
        { "{ not json", "not a valid bundle document:*" },
        { Valid("\"deviceRef\"", "\"devcieRef\""), "not a valid bundle document:*devcieRef*" },
        { Valid(",\"serverUrl\":\"http://127.0.0.1:8080/\"", ""), "'serverUrl' is missing." },
        { Valid("http://127.0.0.1:8080/", "ftp://example"), "'serverUrl' must be an absolute http:// or https:// URL; got 'ftp://example'." },
        { Valid(Ref, "xyz"), "'deviceRef' must be 64 hexadecimal characters; got 'xyz'." },
        { Valid(PreId, PreId[..10]), "'preId' must be 64 hexadecimal characters; got '*'." },
        { Valid(Key, Key + "="), "'prePrivateKey' is not unpadded base64url*" },
        { Valid(Key, Key[..40]), "'prePrivateKey' must decode to 32 bytes; got 30." },
        { Valid($",\"prePrivateKey\":\"{Key}\"", ""), "'prePrivateKey' is missing; it is required together with 'preId'." },
        { Valid($"\"preId\":\"{PreId}\",", ""), "'preId' is missing; it is required together with 'prePrivateKey'." },
        { Valid("}", $",\"actId\":\"{PreId}\",\"actPrivateKey\":\"{Key}\"}}"), "The bundle holds both a pre key and an act key*" },
        { Valid($"\"preId\":\"{PreId}\",", "").Replace($",\"prePrivateKey\":\"{Key}\"", ""), "The bundle holds neither a pre key*" },
        { Valid("31337", "-5"), "'chainId' must be a positive integer; got -5." },
        { Valid("31337", "\"x\""), "not a valid bundle document:*chainId*" },
        { Valid("}", ",\"contractAddress\":\"0x12\"}"), "'contractAddress' must be 0x followed by 40 hexadecimal characters; got '0x12'." },
        { Valid(PreId, new string('0', 64)), "'preId' is all zeros, which is never a valid kusabi-ID." },
        { Valid("}", $",\"grantedActId\":\"{PreId}\"}}"), "'grantedSessionId', 'grantedActId' and 'grantedActPrivateKey' must be present together or not at all." },
        { Valid("}", $",\"grantedSessionId\":\"{Key}\",\"grantedActId\":\"{PreId}\",\"grantedActPrivateKey\":\"{Key}\"}}"), "'grantedSessionId' must be 16 bytes; got 32." },
    };

    private const string Ref = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string PreId = "2222222222222222222222222222222222222222222222222222222222222222";
    private static readonly string Key = Base64Url.Encode(new byte[32]);

    private static string Valid(string find = "", string replace = "")
    {
        var document = $"{{\"deviceRef\":\"{Ref}\",\"serverUrl\":\"http://127.0.0.1:8080/\",\"chainId\":31337,\"preId\":\"{PreId}\",\"prePrivateKey\":\"{Key}\"}}";
        return find.Length == 0 ? document : document.Replace(find, replace);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Load_rejects_malformed_files_precisely(string content, string expectedProblem)
    {
        var path = _folder.File("bad.json");
        File.WriteAllText(path, content);

        var act = () => DeviceBundleFile.Load(path);

        act.Should().Throw<DeviceBundleException>().Which.Problem.Should().Match(expectedProblem);
    }

    [Fact]
    public void The_well_formed_reference_document_loads()
    {
        var path = _folder.File("good.json");
        File.WriteAllText(path, Valid());
        DeviceBundleFile.Load(path).PreId.Should().Be(KusabiId.Parse(PreId));
    }

    [Fact]
    public void A_malformed_private_key_is_never_echoed()
    {
        var secret = "c2VjcmV0LWtleS1tYXRlcmlhbC1kby1ub3QtcHJpbnQ";
        var path = _folder.File("bad.json");
        File.WriteAllText(path, Valid(Key, secret + "!"));

        var act = () => DeviceBundleFile.Load(path);

        act.Should().Throw<DeviceBundleException>().Which.Message.Should().NotContain(secret);
    }

    [Fact]
    public void ToString_does_not_print_keys()
    {
        var bundle = PreBundle();
        bundle.ToString().Should().NotContain(Base64Url.Encode(bundle.PrePrivateKey!)).And.Contain(bundle.DeviceRef.ToString());
    }
}
