using CamDashboard.Auth;
using CamDashboard.Data;
using CamDashboard.Streaming.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Microsoft.Extensions.DependencyInjection;

internal static class AuthenticationServiceCollectionExtensions
{
    /// <summary>Identity users and roles with lockout, the dashboard cookie, HTTP Basic, and the
    /// two policies the streaming endpoints ask for.</summary>
    public static IServiceCollection AddCamDashboardAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Default;
                o.DefaultChallengeScheme = AuthSchemes.Default;
            })
            .AddPolicyScheme(AuthSchemes.Default, "Basic or cookie", o =>
            {
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                        ? AuthSchemes.Basic
                        : IdentityConstants.ApplicationScheme;
                // Stream and API clients are programs: answer 401 with a Basic challenge, never a login redirect.
                o.ForwardChallenge = AuthSchemes.Basic;
                o.ForwardForbid = AuthSchemes.Basic;
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(AuthSchemes.Basic, null)
            .AddIdentityCookies();

        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                // Length over composition rules (NIST SP 800-63B): a long passphrase is fine as it is.
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddSingleton<CredentialVerifier>();
        services.AddAuthorizationBuilder()
            .AddPolicy(CameraStreamingEndpointOptions.DefaultViewerPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(CameraStreamingEndpointOptions.DefaultAdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return services;
    }
}
