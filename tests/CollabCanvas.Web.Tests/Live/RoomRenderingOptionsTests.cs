using CollabCanvas.Engine.Pipeline;
using CollabCanvas.Web.Hosting;
using CollabCanvas.Web.Live;
using CollabCanvas.Web.Options;
using CollabCanvas.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Tests.Live;

/// <summary>The preview rate cap: bound from appsettings.json, refused when out of range, handed to the engine.</summary>
public sealed class RoomRenderingOptionsTests
{
    private static RoomRenderingOptions Bind(IConfiguration configuration)
    {
        var services = new ServiceCollection().AddSingleton(configuration).AddRoomRenderingOptions();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<RoomRenderingOptions>>().Value;
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void The_apps_settings_cap_previews_at_one_per_50_ms()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "appsettings.json")).Build();

        var options = Bind(configuration);

        Assert.True(options.StepPreviews);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.PreviewMinInterval);
    }

    [Theory]
    [InlineData("-00:00:00.010")]
    [InlineData("00:00:11")]
    public void An_interval_out_of_range_is_refused_with_its_name(string interval)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(Settings(("RoomRendering:PreviewMinInterval", interval))));

        Assert.Contains("RoomRendering:PreviewMinInterval must be between 00:00:00 and 00:00:10", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engine_is_asked_for_previews_at_most_once_per_the_interval_and_none_when_they_are_off()
    {
        var capped = RenderRequests.PreviewsFor(Bind(Settings(("RoomRendering:PreviewMinInterval", "00:00:00.125"))));
        var off = RenderRequests.PreviewsFor(Bind(Settings(("RoomRendering:StepPreviews", "false"))));

        Assert.Equal(new PreviewOptions(Upscale: 4, MinInterval: TimeSpan.FromMilliseconds(125)), capped);
        Assert.False(off.Enabled);
    }
}
