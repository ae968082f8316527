using System.Net;
using System.Text.RegularExpressions;

namespace CollabCanvas.Web.Tests.Infrastructure;

/// <summary>Posts the app's statically rendered forms the way a browser does, antiforgery token included.</summary>
internal static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {pageUrl}");

        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await client.PostAsync(pageUrl, new FormUrlEncodedContent(body));
    }

    /// <summary>Registers and signs in an account; the client keeps its cookie.</summary>
    public static async Task RegisterAsync(HttpClient client, string email, string displayName, string password = "Passw0rd!")
    {
        var response = await PostAsync(client, "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = displayName,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Register of {email} answered {response.StatusCode}: {await Excerpt(response)}");
    }

    /// <summary>Joins by code through the real form; for an anonymous client this signs a guest in.</summary>
    public static Task<HttpResponseMessage> JoinAsync(HttpClient client, string code, string displayName) =>
        PostAsync(client, "/join", "join", new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.DisplayName"] = displayName,
        });

    public static async Task<string> Excerpt(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length > 2000 ? text[..2000] : text;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
