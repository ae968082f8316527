namespace CollabCanvas.Engine.Tokenization;

/// <summary>
/// Thrown when a tokenizer folder cannot be read: a file is missing, is not valid JSON,
/// or lacks a token the tokenizer needs. <see cref="Path"/> names the offending file or folder.
/// </summary>
public sealed class TokenizerLoadException : Exception
{
    public TokenizerLoadException(string path, string message, Exception? innerException = null)
        : base($"{message} ({path})", innerException)
    {
        Path = path;
    }

    /// <summary>The file or folder that could not be used.</summary>
    public string Path { get; }
}
