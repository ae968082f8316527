namespace CollabCanvas.Data.Images;

/// <summary>
/// Writes a file so that, whatever moment the process dies at, the final name holds either nothing or all the bytes:
/// write a temp file in the same folder, flush it to the disk, then rename it into place (a rename within one
/// folder is atomic).
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="finalPath"/> unless that file exists; returns false when it
    /// existed (or another writer got there first), which for content-addressed files means the same bytes are there.
    /// </summary>
    /// <param name="tempFiles">Holds the temp path while it exists, so a sweep leaves this write alone.</param>
    public static async Task<bool> WriteIfAbsentAsync(
        string finalPath, ReadOnlyMemory<byte> bytes, TempFileRegistry tempFiles, CancellationToken cancellationToken)
    {
        if (File.Exists(finalPath))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        var tempPath = ImageStoreLayout.TempPathFor(finalPath);
        tempFiles.Add(tempPath);
        try
        {
            await using (var stream = new FileStream(
                tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                // FlushAsync does not reach the disk; Flush(true) is fsync, so the rename below never publishes a
                // name whose bytes are still only in the page cache.
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                File.Move(tempPath, finalPath, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(finalPath))
            {
                return false;
            }
        }
        finally
        {
            if (File.Exists(tempPath))
            {
                File.Delete(tempPath);
            }

            tempFiles.Remove(tempPath);
        }
    }
}
