using CollabCanvas.Web.Tests.Browser;

namespace CollabCanvas.Web.Tests.Hub;

/// <summary>The hub tests share one app on a real port (one Orleans silo, one engine): starting one per class costs more than the tests.</summary>
[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<BrowserAppFactory>
{
    public const string Name = "rooms hub";
}
