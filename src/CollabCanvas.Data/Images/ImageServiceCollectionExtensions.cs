using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollabCanvas.Data.Images;

/// <summary>Registers the image store and the upload validator with a host.</summary>
public static class ImageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IImageStore"/> (a <see cref="FileSystemImageStore"/> singleton) with <see cref="ImageStoreOptions"/>
    /// bound from the <c>Images</c> section, and <see cref="ImageUploadValidator"/> with <see cref="ImageUploadOptions"/>
    /// from <c>Images:Uploads</c>. The host runs <see cref="IImageStore.SweepAsync"/> at start-up, once it can list
    /// the hashes its database references.
    /// </summary>
    public static IServiceCollection AddImageStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImageStoreOptions>().Bind(configuration.GetSection(ImageStoreOptions.SectionName));
        services.AddOptions<ImageUploadOptions>().Bind(configuration.GetSection(ImageUploadOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IImageStore, FileSystemImageStore>();
        services.AddSingleton<ImageUploadValidator>();
        return services;
    }
}
