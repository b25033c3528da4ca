using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>Debian's mosquitto on 127.0.0.1, its configuration and files in a temp folder:
/// anonymous, with one user (a password file), or over TLS with a certificate from a private CA
/// made here (<see cref="CaCertificatePath"/>). Stopped when disposed.</summary>
public sealed class MosquittoServer : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private MosquittoServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The CA that signed the broker's certificate (TLS only).</summary>
    public string CaCertificatePath => Path.Combine(_folder, "ca.pem");

    /// <summary>A broker; with <paramref name="user"/>, only that user (and password) may connect; with <paramref name="tls"/>, over TLS only.</summary>
    public static MosquittoServer Start((string Name, string Password)? user = null, bool tls = false)
    {
        var port = ExternalCamera.FreePort();
        var folder = Path.Combine(Path.GetTempPath(), $"camdashboard-mosquitto-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        List<string> config =
        [
            Environment.UserName == "root" ? "user root" : "",
            "persistence false",
            "log_dest stderr",
            $"listener {port} 127.0.0.1",
        ];
        if (user is { } u)
        {
            var passwords = Path.Combine(folder, "passwords");
            Run("mosquitto_passwd", "-b", "-c", passwords, u.Name, u.Password);
            config.AddRange(["allow_anonymous false", $"password_file {passwords}"]);
        }
        else
        {
            config.Add("allow_anonymous true");
        }

        if (tls)
        {
            WriteCertificates(folder);
            config.AddRange([$"cafile {folder}/ca.pem", $"certfile {folder}/server.pem", $"keyfile {folder}/server.key"]);
        }

        File.WriteAllLines(Path.Combine(folder, "mosquitto.conf"), config);
        var start = new ProcessStartInfo("mosquitto") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Path.Combine(folder, "mosquitto.conf"));
        var process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start (apt-get install mosquitto).");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        ExternalCamera.WaitUntilListening(port, process);
        return new MosquittoServer(process, folder, port);
    }

    private static void WriteCertificates(string folder)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=CamDashboard test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        // One clock reading, and the server's validity inside the CA's (certificates keep whole seconds).
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, now.AddHours(-1), now.AddDays(6), [1, 2, 3, 4]);

        File.WriteAllText(Path.Combine(folder, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
