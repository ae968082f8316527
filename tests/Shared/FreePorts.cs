namespace CollabCanvas.Testing;

/// <summary>A free loopback port, for hosts whose address must be in another host's settings before either starts.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
