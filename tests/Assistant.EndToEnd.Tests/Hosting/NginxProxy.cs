using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Assistant.EndToEnd.Tests.Hosting;

/// <summary>
/// Debian's nginx as an operator deploys it in front of the service: TLS with a self-signed certificate made here,
/// <c>X-Forwarded-Proto/For/Host</c>, WebSocket upgrade. Run in the foreground as a child process with its own
/// configuration, pid, logs and temporary files in a temporary folder, so it needs no service or privilege.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _directory;

    private NginxProxy(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    /// <summary>The https address the browser uses.</summary>
    public Uri Address { get; }

    public string ErrorLog => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    public static async Task<NginxProxy> StartAsync(Uri backend)
    {
        Assert.True(File.Exists(NginxPath), $"{NginxPath} is missing: run build/install-test-deps.sh (apt-get install nginx).");
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sa-nginx-" + Guid.NewGuid().ToString("N"))).FullName;
        WriteCertificate(directory);
        // Started as root, nginx's workers run as nobody: they must be able to write the request bodies they buffer.
        foreach (var temp in new[] { "body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            Directory.CreateDirectory(Path.Combine(directory, temp));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(directory, temp), (UnixFileMode)0b111_111_111);
            }
        }

        var port = FreePort();
        File.WriteAllText(Path.Combine(directory, "nginx.conf"), Configuration(directory, port, backend));
        var start = new ProcessStartInfo(NginxPath)
        {
            ArgumentList = { "-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var proxy = new NginxProxy(process, directory, new Uri($"https://127.0.0.1:{port}"));
        await proxy.WaitUntilListeningAsync(port);
        return proxy;
    }

    private static string Configuration(string directory, int port, Uri backend) => $$"""
        worker_processes 1;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/error.log;
        events { worker_connections 128; }
        http {
            access_log {{directory}}/access.log;
            client_body_temp_path {{directory}}/body;
            proxy_temp_path {{directory}}/proxy;
            fastcgi_temp_path {{directory}}/fastcgi;
            uwsgi_temp_path {{directory}}/uwsgi;
            scgi_temp_path {{directory}}/scgi;
            client_max_body_size 11m;
            map $http_upgrade $connection_upgrade { default upgrade; '' close; }
            server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{directory}}/cert.pem;
                ssl_certificate_key {{directory}}/key.pem;
                location / {
                    proxy_pass http://{{backend.Authority}};
                    proxy_http_version 1.1;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Host $http_host;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_read_timeout 1h;
                }
            }
        }
        """;

    private static void WriteCertificate(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        while (true)
        {
            Assert.False(_process.HasExited, "nginx stopped at start: " + await _process.StandardError.ReadToEndAsync() + ErrorLog);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A worker still closing its log: the folder is in the temporary directory anyway.
        }
    }
}
