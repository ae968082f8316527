using System.Threading.RateLimiting;
using CollabCanvas.Web.Options;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Hosting;

/// <summary>
/// Named rate-limit policies. They count form posts per client address; reading a page is never limited,
/// so a person who mistypes a code a few times is not locked out of the page itself.
/// </summary>
public static class RateLimitPolicies
{
    public const string Login = "login";
    public const string Join = "join";

    public const string RejectionMessage = "Too many attempts from your address. Wait a minute and try again.";

    public static IServiceCollection AddAppRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(RejectionMessage, cancellationToken);
            };
            options.AddPolicy(Login, http => PostsPerAddress(http, "login", limits => limits.LoginPermitsPerWindow));
            options.AddPolicy(Join, http => PostsPerAddress(http, "join", limits => limits.JoinPermitsPerWindow));
        });
        return services;
    }

    private static RateLimitPartition<string> PostsPerAddress(HttpContext http, string policy, Func<RateLimitOptions, int> permits)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("reads");
        }

        var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}:{address}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(limits),
            Window = TimeSpan.FromSeconds(limits.WindowSeconds),
            QueueLimit = 0,
        });
    }
}
