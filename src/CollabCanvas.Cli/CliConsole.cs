using System.CommandLine;

namespace CollabCanvas.Cli;

/// <summary>Where a command writes: the invocation's writers (the process console unless a caller supplies others).</summary>
internal sealed class CliConsole(ParseResult parseResult)
{
    public TextWriter Output { get; } = parseResult.InvocationConfiguration.Output;

    public TextWriter Error { get; } = parseResult.InvocationConfiguration.Error;
}
