using Microsoft.AspNetCore.Hosting;

namespace CollabCanvas.Web.Tests.Browser;

/// <summary>
/// The browser app with a preview on every step (<c>RoomRendering:PreviewMinInterval</c> zero). The fixture model
/// runs a step in well under a millisecond, so under the app's 50 ms cap a whole run fits in the cap and shows only
/// its first and last frame; the acceptance test counts frames reaching three browsers, which is the fan-out's
/// job, while the cap has its own tests (PreviewPacerTests, StepPreviewTests) and the rooms benchmark counts the
/// frames a capped run of the embedded model shows.
/// </summary>
public sealed class EveryStepPreviewsAppFactory : BrowserAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RoomRendering:PreviewMinInterval", "00:00:00");
    }
}
