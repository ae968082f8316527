using CollabCanvas.Rooms.Prompt;
using CsCheck;

namespace CollabCanvas.Rooms.Tests.Prompt;

/// <summary>
/// The acceptance property of prompt co-editing: whatever 2–8 people type concurrently, and in whatever
/// order their messages cross the network, every copy ends with the server's text, and every character is
/// credited to the person who typed it.
/// </summary>
public sealed class ConvergenceProperties
{
    private const int Runs = 1_000;

    private static readonly Gen<SimulationMove> MoveGen = Gen.Select(
        Gen.Frequency((4, Gen.Const(MoveKind.Type)), (3, Gen.Const(MoveKind.DeliverToServer)), (3, Gen.Const(MoveKind.DeliverToClient))),
        Gen.Int[0, 7],
        Gen.Int[0, 1000],
        Gen.Int[0, 1000],
        Gen.Int[0, 1000],
        (kind, who, a, b, c) => new SimulationMove(kind, who, a, b, c));

    /// <summary>2–8 authors and up to 300 moves (about 120 edits) per run.</summary>
    private static readonly Gen<(int Authors, SimulationMove[] Moves)> RunGen = Gen.Select(Gen.Int[2, 8], MoveGen.Array[1, 300]);

    [Fact]
    public void Concurrent_inserts_and_deletes_converge_with_correct_authorship() =>
        RunGen.Sample(run =>
        {
            var simulation = Play(run.Authors, run.Moves, allowDeletes: true);
            AssertConverged(simulation);
        }, iter: Runs);

    [Fact]
    public void Concurrent_inserts_lose_no_keystroke() =>
        RunGen.Sample(run =>
        {
            var simulation = Play(run.Authors, run.Moves, allowDeletes: false);
            AssertConverged(simulation);

            // Nothing was deleted, so every character each person typed must be in the text, credited to them.
            var shares = simulation.Server.Content.Shares().ToDictionary(s => s.Author, s => s.Characters);
            for (var i = 0; i < run.Authors; i++)
            {
                Assert.Equal(simulation.Typed[i], shares.GetValueOrDefault(CoEditingSimulation.AuthorId(i)));
            }
        }, iter: Runs);

    private static CoEditingSimulation Play(int authors, SimulationMove[] moves, bool allowDeletes)
    {
        var simulation = new CoEditingSimulation(authors);
        foreach (var move in moves)
        {
            simulation.Play(move, allowDeletes);
        }

        simulation.Settle();
        return simulation;
    }

    private static void AssertConverged(CoEditingSimulation simulation)
    {
        var server = simulation.Server.Content;
        foreach (var client in simulation.Clients)
        {
            Assert.False(client.HasPending);
            Assert.Equal(simulation.Server.Revision, client.Revision);
            Assert.Equal(server.Text, client.Text);
            Assert.Equal(server.Spans(), client.Content.Spans());
        }

        // Every character's recorded author is the one whose alphabet it comes from.
        var index = 0;
        foreach (var rune in server.Text.EnumerateRunes())
        {
            var expected = CoEditingSimulation.AuthorId(CoEditingSimulation.AuthorOfCharacter(rune.Value));
            Assert.Equal(expected, server.AuthorAt(index));
            Assert.Equal(expected, server.AuthorAt(index + rune.Utf16SequenceLength - 1));
            index += rune.Utf16SequenceLength;
        }

        // No surrogate pair was ever split, so the text is still well-formed UTF-16.
        Assert.Null(OperationCheck.CheckInsertedText(server.Text));
    }
}
