using System.Net;
using System.Text.RegularExpressions;

namespace CollabCanvas.Rooms.Benchmarks;

/// <summary>Signs people in through the app's own forms, as a script would, and keeps their cookies for the hub.</summary>
internal static partial class BenchPeople
{
    public static async Task<CookieContainer> RegisterAsync(string baseAddress, string email, string displayName, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var client = NewClient(baseAddress, cookies);
        await PostFormAsync(client, "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = displayName,
            ["Input.Email"] = email,
            ["Input.Password"] = "Passw0rd!",
            ["Input.ConfirmPassword"] = "Passw0rd!",
        }, cancellationToken);
        return cookies;
    }

    /// <summary>Joins by code as a guest (an Editor, the code's default role).</summary>
    public static async Task<CookieContainer> JoinAsGuestAsync(string baseAddress, string code, string displayName, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var client = NewClient(baseAddress, cookies);
        await PostFormAsync(client, "/join", "join", new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.DisplayName"] = displayName,
        }, cancellationToken);
        return cookies;
    }

    private static HttpClient NewClient(string baseAddress, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseAddress) };

    private static async Task PostFormAsync(HttpClient client, string url, string form, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var page = await client.GetStringAsync(url, cancellationToken);
        var token = AntiforgeryField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {url}.");
        }

        fields["_handler"] = form;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        using var response = await client.PostAsync(url, new FormUrlEncodedContent(fields), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{url} answered {response.StatusCode}, not the redirect of a success.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
