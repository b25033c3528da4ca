namespace Microsoft.AspNetCore.Hosting;

internal static class BuildOutputAssets
{
    /// <summary>Run from the build output (not published), the framework's and packages' web
    /// assets (<c>_framework/blazor.web.js</c>, <c>_content/MudBlazor</c>) are not copied beside
    /// the binaries; the build's manifest says where they are. ASP.NET Core reads it only in
    /// Development, so in Production the dashboard was unstyled and dead (500s): read it in every
    /// environment whenever it is there. A published app has no such manifest and serves its copies.</summary>
    public static IWebHostBuilder UseBuildOutputAssets(this IWebHostBuilder builder)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{typeof(Program).Assembly.GetName().Name}.staticwebassets.runtime.json");
        return File.Exists(manifest) ? builder.UseStaticWebAssets() : builder;
    }
}
