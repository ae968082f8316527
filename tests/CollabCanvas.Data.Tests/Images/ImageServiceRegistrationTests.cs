using CollabCanvas.Data.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Data.Tests.Images;

public sealed class ImageServiceRegistrationTests
{
    [Fact]
    public async Task AddImageStore_binds_the_Images_section_and_its_Uploads_subsection()
    {
        using var folder = new TempFolder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Images:RootPath"] = Path.Combine(folder.Path, "store"),
            ["Images:ThumbnailMaxSide"] = "32",
            ["Images:Uploads:MaxSide"] = "100",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddImageStore(configuration).BuildServiceProvider();

        var store = (FileSystemImageStore)services.GetRequiredService<IImageStore>();
        var validator = services.GetRequiredService<ImageUploadValidator>();

        Assert.Equal(Path.Combine(folder.Path, "store"), store.RootPath);
        Assert.Same(store, services.GetRequiredService<IImageStore>());
        Assert.False(validator.Validate(TestImages.Png(101, 8)).IsAccepted);
        var stored = await store.SaveAsync(TestImages.Png(200, 100));
        await using var thumbnail = await store.OpenThumbnailAsync(stored.Hash);
        Assert.Equal(32, SixLabors.ImageSharp.Image.Identify(thumbnail!).Width);
    }

    public static TheoryData<ImageStoreOptions, string> InvalidOptions() => new()
    {
        { new ImageStoreOptions { RootPath = " " }, "Images:RootPath" },
        { new ImageStoreOptions { OrphanGracePeriod = TimeSpan.FromSeconds(-1) }, "Images:OrphanGracePeriod" },
        { new ImageStoreOptions { ThumbnailMaxSide = 8 }, "Images:ThumbnailMaxSide" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Bad_configuration_stops_the_store_with_the_setting_named(ImageStoreOptions options, string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new FileSystemImageStore(Options.Create(options), TimeProvider.System, NullLogger<FileSystemImageStore>.Instance));

        Assert.Contains(setting, error.Message);
    }
}
