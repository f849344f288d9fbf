namespace StreamEngine.Bench;

/// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
