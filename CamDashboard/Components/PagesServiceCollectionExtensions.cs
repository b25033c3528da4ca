using CamDashboard.Components;
using MudBlazor.Services;

namespace Microsoft.Extensions.DependencyInjection;

internal static class PagesServiceCollectionExtensions
{
    /// <summary>The dashboard's pages: Blazor Server components, MudBlazor, and what the pages share.</summary>
    public static IServiceCollection AddCamDashboardPages(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices(mud =>
        {
            // Bottom corner: messages never cover the app bar or a page's own buttons.
            mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            mud.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
        });
        services.AddScoped<PageChanges>();
        services.AddSingleton<CamDashboard.Groups.CameraGroups>();
        return services;
    }
}
