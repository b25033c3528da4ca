using CamDashboard.Api;
using CamDashboard.Auth;
using CamDashboard.Streaming;
using CamDashboard.Data;
using CamDashboard.Streaming.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class CamDashboardAuthenticationExtensions
{
    /// <summary>Identity users and roles with lockout, the dashboard cookie, HTTP Basic, and the
    /// two policies the streaming endpoints ask for.</summary>
    public static IServiceCollection AddCamDashboardAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Default;
                o.DefaultChallengeScheme = AuthSchemes.Challenge;
                o.DefaultForbidScheme = AuthSchemes.Challenge;
            })
            .AddPolicyScheme(AuthSchemes.Default, "Basic, token, node or cookie", o =>
            {
                o.ForwardDefaultSelector = context =>
                    context.Request.Query.ContainsKey("token") ? AuthSchemes.Token
                    : context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? AuthSchemes.Basic
                    : context.Request.Headers.Authorization.ToString().StartsWith(NodeAuthenticationHandler.Prefix, StringComparison.Ordinal) ? AuthSchemes.Node
                    : IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(AuthSchemes.Challenge, "401 for programs, sign-in page for people", o =>
            {
                // Stream and API clients are programs: they get 401 with a Basic challenge.
                o.ForwardDefaultSelector = context => IsMachineEndpoint(context.Request.Path) ? AuthSchemes.Basic : IdentityConstants.ApplicationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(AuthSchemes.Basic, null)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(AuthSchemes.Token, null)
            .AddScheme<AuthenticationSchemeOptions, NodeAuthenticationHandler>(AuthSchemes.Node, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "CamDashboard.Auth";
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // A user's cookie follows their security stamp; a kiosk's (signed in with a token) its token.
            o.Events.OnValidatePrincipal = KioskSessions.ValidatePrincipalAsync;
        });


        services.AddIdentityCore<IdentityUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // Sessions follow the user: a removed user, or a new security stamp (password, role,
        // sign-out), ends cookies and open circuits within this interval.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = SecurityStampRevalidation.Interval);
        services.AddScoped<AuthenticationStateProvider, SecurityStampRevalidation>();
        services.AddSingleton<CredentialVerifier>();
        services.AddSingleton<AuthThrottle>();
        services.AddSingleton<AuthRefusals>();
        // The framework says "was challenged" for every 401: AuthRefusals reports them, counted, instead.
        services.AddLogging(logging => logging
            .AddFilter(typeof(BasicAuthenticationHandler).FullName, LogLevel.Warning)
            .AddFilter(typeof(TokenAuthenticationHandler).FullName, LogLevel.Warning));
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<StreamTokens>();
        services.AddHostedService<OtherNodesSessions>();
        // The policies go by the names the streaming endpoints are told to ask for, whatever they are.
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<CameraStreamingEndpointOptions>>((authorization, endpoints) =>
        {
            authorization.AddPolicy(endpoints.Value.ViewerPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.All));
            authorization.AddPolicy(endpoints.Value.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        });
        return services;
    }

    /// <summary>Lockout and password rules, shared with the component tests.</summary>
    public static void ConfigureIdentity(IdentityOptions o)
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
    }

    /// <summary>Paths that get the app's own error pages: people's pages, not what programs call
    /// (<see cref="IsMachineEndpoint"/>) nor Blazor's circuit endpoints (a script reads those).</summary>
    internal static bool HasErrorPages(PathString path) => !IsMachineEndpoint(path) && !path.StartsWithSegments("/_blazor");

    /// <summary>Paths programs call (streams, API, probes): they get 401 and problem details, never pages.</summary>
    internal static bool IsMachineEndpoint(PathString path) =>
        StreamingRoutes.IsForPrograms(path) || path.StartsWithSegments(MetricsApi.Route);
}
