using MudBlazor;

namespace CollabCanvas.Web.Components.Layout;

/// <summary>The app's MudBlazor theme.</summary>
internal static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#5b3cc4",
            Secondary = "#e0803a",
            AppbarBackground = "#3d2a85",
        },
    };
}
