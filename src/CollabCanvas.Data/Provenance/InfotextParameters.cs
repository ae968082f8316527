namespace CollabCanvas.Data.Provenance;

/// <summary>
/// An AUTOMATIC1111 infotext taken apart: the prompts and every "Key: value" setting of its last line, values
/// unquoted. Settings the recipe does not know (Clip skip, VAE hash, extension fields) are kept here.
/// </summary>
public sealed record InfotextParameters(string Prompt, string NegativePrompt, IReadOnlyDictionary<string, string> Settings);
