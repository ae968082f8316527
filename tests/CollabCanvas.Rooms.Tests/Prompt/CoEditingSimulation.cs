using CollabCanvas.Rooms.Prompt;

namespace CollabCanvas.Rooms.Tests.Prompt;

/// <summary>
/// A room's prompt with a server and several clients joined by FIFO channels (as a SignalR connection is),
/// driven one move at a time: someone types, a client's next message reaches the server, or the server's
/// next broadcast reaches a client. Which move happens when is the test's random interleaving and delay.
/// Each author types only their own letters and emoji (<see cref="AuthorOfCharacter"/>), so the expected
/// author of every character in the final text is known without trusting the code under test.
/// </summary>
internal sealed class CoEditingSimulation
{
    private readonly PromptClient[] _clients;
    private readonly Queue<PromptEdit>[] _toServer;
    private readonly Queue<PromptApplied>[] _toClient;

    public CoEditingSimulation(int authorCount)
    {
        Server = new PromptDocument();
        _clients = Enumerable.Range(0, authorCount).Select(i => new PromptClient(AuthorId(i), Server.ToSnapshot())).ToArray();
        _toServer = _clients.Select(_ => new Queue<PromptEdit>()).ToArray();
        _toClient = _clients.Select(_ => new Queue<PromptApplied>()).ToArray();
        Typed = new int[authorCount];
    }

    public PromptDocument Server { get; }

    public IReadOnlyList<PromptClient> Clients => _clients;

    /// <summary>Characters each author has typed, counted as Unicode scalars.</summary>
    public int[] Typed { get; }

    /// <summary>
    /// Author ids whose order differs from the authors' indexes, so a tie-break that used arrival or index
    /// order instead of the id would show.
    /// </summary>
    public static Guid AuthorId(int index)
    {
        var bytes = new byte[16];
        bytes[3] = (byte)((index * 5 % 8) + 1);
        bytes[15] = (byte)index;
        return new Guid(bytes);
    }

    /// <summary>The author whose alphabet <paramref name="character"/> (a letter or an emoji) belongs to.</summary>
    public static int AuthorOfCharacter(int character) =>
        character >= 0x1F600 ? character - 0x1F600 : (character - 'a') / 3;

    public void Play(SimulationMove move, bool allowDeletes)
    {
        var who = move.Who % _clients.Length;
        switch (move.Kind)
        {
            case MoveKind.Type:
                Type(who, move, allowDeletes);
                break;
            case MoveKind.DeliverToServer:
                DeliverToServer(who);
                break;
            default:
                DeliverToClient(who);
                break;
        }
    }

    /// <summary>Delivers everything still on the wire, as happens once everyone stops typing.</summary>
    public void Settle()
    {
        bool moved;
        do
        {
            moved = false;
            for (var i = 0; i < _clients.Length; i++)
            {
                moved |= DeliverToServer(i) | DeliverToClient(i);
            }
        }
        while (moved);
    }

    private void Type(int who, SimulationMove move, bool allowDeletes)
    {
        var client = _clients[who];
        var text = client.Text;
        LocalEditResult result;
        if (allowDeletes && move.A % 3 == 0 && text.Length > 0)
        {
            var start = Snap(text, move.B % text.Length);
            var end = Snap(text, Math.Min(text.Length, start + 1 + move.C % 5));
            if (end <= start)
            {
                end = Math.Min(text.Length, start + 2);
            }

            result = client.Delete(start, end - start);
        }
        else
        {
            var position = Snap(text, move.B % (text.Length + 1));
            var typed = TextOf(who, move.C);
            result = client.Insert(position, typed);
            Typed[who] += typed.EnumerateRunes().Count();
        }

        Assert.True(result.Succeeded, result.Error);
        if (result.ToSend is { } edit)
        {
            _toServer[who].Enqueue(edit);
        }
    }

    private bool DeliverToServer(int who)
    {
        if (!_toServer[who].TryDequeue(out var edit))
        {
            return false;
        }

        var result = Server.Apply(_clients[who].Author, edit);
        Assert.True(result.Succeeded, result.Error);
        foreach (var inbox in _toClient)
        {
            inbox.Enqueue(result.Applied!);
        }

        return true;
    }

    private bool DeliverToClient(int who)
    {
        if (!_toClient[who].TryDequeue(out var applied))
        {
            return false;
        }

        if (_clients[who].Receive(applied) is { } next)
        {
            _toServer[who].Enqueue(next);
        }

        return true;
    }

    /// <summary>One to three of the author's letters, or the author's emoji (two UTF-16 code units).</summary>
    private static string TextOf(int author, int choice) => (choice % 4) switch
    {
        0 => char.ConvertFromUtf32(0x1F600 + author),
        var count => new string(Enumerable.Range(0, count).Select(i => (char)('a' + author * 3 + (choice / 4 + i) % 3)).ToArray()),
    };

    /// <summary>Moves a position off the middle of a surrogate pair, as an editor's caret would be.</summary>
    private static int Snap(string text, int position) => OperationCheck.SplitsPair(text, position) ? position - 1 : position;
}

internal enum MoveKind
{
    Type,
    DeliverToServer,
    DeliverToClient,
}

/// <summary>One step of a run; <see cref="A"/>, <see cref="B"/>, <see cref="C"/> pick what is typed and where.</summary>
internal sealed record SimulationMove(MoveKind Kind, int Who, int A, int B, int C);
