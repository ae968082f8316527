using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SixLabors.ImageSharp;

namespace CollabCanvas.Web.Tests.Crash;

/// <summary>A version row as the database holds it: what the crash test checks the image store against.</summary>
internal sealed record VersionRow(Guid Id, string ImageHash);

/// <summary>
/// Reads what a killed app left on disk, without the app: the version rows in its SQLite file and the files in its
/// image store (<c>images/ab/abcdef….png</c>, partial writes end in <c>.tmp</c>).
/// </summary>
internal static class StoreInspector
{
    /// <summary>Every version row, read on a connection of its own (no pool: the app may start on the file next).</summary>
    public static async Task<IReadOnlyList<VersionRow>> ReadVersionRowsAsync(string databasePath)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite, // a WAL left by a killed writer is recovered on open, which writes
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, ImageHash FROM RoomVersions";
        var rows = new List<VersionRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new VersionRow(Guid.Parse(reader.GetString(0)), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>Problems with the images rows name: missing, bytes not hashing to the name, or not a decodable PNG.</summary>
    public static async Task<IReadOnlyList<string>> BrokenImagesAsync(string imagesRoot, IEnumerable<VersionRow> rows)
    {
        var problems = new List<string>();
        foreach (var hash in rows.Select(row => row.ImageHash).Distinct())
        {
            var path = ImagePath(imagesRoot, hash);
            if (!File.Exists(path))
            {
                problems.Add($"a version names image {hash}, which is not in the store");
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(path);
            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(actual, hash, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"image {hash} holds bytes hashing to {actual} ({bytes.Length} bytes)");
                continue;
            }

            try
            {
                using var image = Image.Load(bytes);
                if (image.Width <= 0 || image.Height <= 0)
                {
                    problems.Add($"image {hash} decodes to an empty picture");
                }
            }
            catch (Exception exception) when (exception is UnknownImageFormatException or InvalidImageContentException)
            {
                problems.Add($"image {hash} does not decode: {exception.Message}");
            }
        }

        return problems;
    }

    /// <summary>Partial writes (<c>*.tmp</c>) anywhere in the store.</summary>
    public static IReadOnlyList<string> TempFiles(string imagesRoot) =>
        Directory.Exists(imagesRoot) ? Directory.GetFiles(imagesRoot, "*.tmp", SearchOption.AllDirectories) : [];

    /// <summary>Full images (not thumbnails) in the store that no row names.</summary>
    public static IReadOnlyList<string> UnreferencedImages(string imagesRoot, IEnumerable<VersionRow> rows)
    {
        if (!Directory.Exists(imagesRoot))
        {
            return [];
        }

        var named = rows.Select(row => row.ImageHash.ToLowerInvariant()).ToHashSet();
        return Directory.GetFiles(imagesRoot, "*.png", SearchOption.AllDirectories)
            .Where(path => !Path.GetFileName(path).Contains("-thumb-", StringComparison.Ordinal))
            .Where(path => !named.Contains(Path.GetFileNameWithoutExtension(path).ToLowerInvariant()))
            .ToList();
    }

    private static string ImagePath(string imagesRoot, string hash) => Path.Combine(imagesRoot, hash[..2].ToLowerInvariant(), hash.ToLowerInvariant() + ".png");
}
