using CollabCanvas.Rooms.Benchmarks;

namespace CollabCanvas.Web.Tests.Bench;

/// <summary>
/// The rooms benchmark's command line: what it cannot use is a <see cref="BenchArgumentException"/> with a message
/// naming the option (the entry point prints it with the usage and exits with 2), never a crash or a silent default.
/// </summary>
public sealed class BenchArgumentsTests
{
    private const string Root = "/repo";

    [Fact]
    public void Values_are_read_with_their_defaults_and_paths_from_the_repository_root()
    {
        var arguments = new BenchArguments(["--mode", "nodes", "--nodes", "1,2,3", "--steps", "40", "--output", "out/r.md"], Root);

        Assert.Equal([1, 2, 3], arguments.Counts("nodes", [1], 1, 4));
        Assert.Equal(40, arguments.Int("steps", 20, 2, 150));
        Assert.Equal(6, arguments.Int("rooms", 6, 1, 100));
        Assert.Equal(Path.GetFullPath("/repo/out/r.md"), arguments.FullPath("output", "bench/results/x.md"));
        arguments.EnsureAllRead();
    }

    [Theory]
    [InlineData(new[] { "--steps", "many" }, "--steps must be a whole number (got 'many').")]
    [InlineData(new[] { "--steps", "0" }, "--steps must be between 2 and 150 (got 0).")]
    [InlineData(new[] { "--nodes", "1,,2" }, "--nodes must be a whole number (got '').")]
    [InlineData(new[] { "--nodes", "1,9" }, "--nodes must list counts between 1 and 4, e.g. 1,2 (got 1,9).")]
    [InlineData(new[] { "--steps" }, "--steps needs a value.")]
    [InlineData(new[] { "steps", "3" }, "Expected an option such as --steps, got 'steps'.")]
    [InlineData(new[] { "--steps", "3", "--steps", "4" }, "--steps is given twice.")]
    [InlineData(new[] { "--step", "3" }, "Unknown option --step (this mode reads --mode, --nodes, --steps).")]
    public void A_command_line_it_cannot_use_is_refused_naming_the_option(string[] args, string message)
    {
        var refused = Assert.Throws<BenchArgumentException>(() =>
        {
            var arguments = new BenchArguments(args, Root);
            arguments.Int("steps", 20, 2, 150);
            arguments.Counts("nodes", [1, 2], 1, 4);
            arguments.EnsureAllRead();
        });

        Assert.Equal(message, refused.Message);
    }
}
