using Microsoft.EntityFrameworkCore;

namespace CollabCanvas.Web.Inference;

/// <summary>
/// OpenIddict's tables (applications, scopes; tokens are not stored) in a database of the authority's own, kept
/// apart from the app's: it only ever holds what configuration says, so it lives in memory and is filled at start
/// (<see cref="AuthorityClientRegistration"/>) — no migration, nothing to share between web nodes.
/// </summary>
internal sealed class AuthorityDbContext(DbContextOptions<AuthorityDbContext> options) : DbContext(options);
