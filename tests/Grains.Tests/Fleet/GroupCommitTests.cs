using Kusabi.Grains.Fleet;

namespace Kusabi.Grains.Tests.Fleet;

public sealed class GroupCommitTests
{
    /// <summary>A storage whose writes finish only when the test says so.</summary>
    private sealed class GatedStorage
    {
        private readonly List<TaskCompletionSource> _writes = [];

        public int Writes => _writes.Count;

        public Task WriteAsync()
        {
            var write = new TaskCompletionSource();
            _writes.Add(write);
            return write.Task;
        }

        public void Finish(int write) => _writes[write].SetResult();

        public void Fail(int write) => _writes[write].SetException(new IOException("storage refused the write"));
    }

    [Fact]
    public async Task A_commit_completes_only_when_its_write_has_finished()
    {
        var storage = new GatedStorage();
        var commit = new GroupCommit(storage.WriteAsync);

        var waiting = commit.CommitAsync(commit.Changed());

        waiting.IsCompleted.Should().BeFalse();
        storage.Finish(0);
        await waiting;
        commit.HasUnwritten.Should().BeFalse();
    }

    [Fact]
    public async Task Changes_made_during_a_write_share_one_following_write()
    {
        var storage = new GatedStorage();
        var commit = new GroupCommit(storage.WriteAsync);
        var first = commit.CommitAsync(commit.Changed());
        var second = commit.CommitAsync(commit.Changed());
        var third = commit.CommitAsync(commit.Changed());

        storage.Finish(0);
        await first;

        second.IsCompleted.Should().BeFalse("the first write began before the second change");
        storage.Writes.Should().Be(2);
        storage.Finish(1);
        await Task.WhenAll(second, third);
        storage.Writes.Should().Be(2, "the second and third changes shared one write");
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_leaves_the_change_to_be_written_again()
    {
        var storage = new GatedStorage();
        var commit = new GroupCommit(storage.WriteAsync);
        var waiting = commit.CommitAsync(commit.Changed());

        storage.Fail(0);

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<IOException>();
        commit.HasUnwritten.Should().BeTrue();
        var retry = commit.CommitAllAsync();
        storage.Finish(1);
        await retry;
        commit.HasUnwritten.Should().BeFalse();
    }

    [Fact]
    public async Task Waiting_for_a_version_already_stored_writes_nothing()
    {
        var storage = new GatedStorage();
        var commit = new GroupCommit(storage.WriteAsync);
        var version = commit.Changed();
        var first = commit.CommitAsync(version);
        storage.Finish(0);
        await first;

        await commit.CommitAsync(version);

        storage.Writes.Should().Be(1);
    }
}
