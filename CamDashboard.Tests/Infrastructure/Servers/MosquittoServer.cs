using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>Debian's mosquitto on 127.0.0.1, its configuration and files in its own folder:
/// anonymous, with one user (a password file), or over TLS with a certificate from a private CA
/// made here (<see cref="CaCertificatePath"/>). Stopped when disposed.</summary>
public sealed class MosquittoServer : LocalServer
{
    private MosquittoServer()
        : base("mosquitto")
    {
    }

    /// <summary>The CA that signed the broker's certificate (TLS only).</summary>
    public string CaCertificatePath => Path.Combine(Folder, "ca.pem");

    /// <summary>A broker; with <paramref name="user"/>, only that user (and password) may connect; with <paramref name="tls"/>, over TLS only.</summary>
    public static MosquittoServer Start((string Name, string Password)? user = null, bool tls = false)
    {
        var server = new MosquittoServer();
        var folder = server.Folder;
        List<string> config =
        [
            Environment.UserName == "root" ? "user root" : "",
            "persistence false",
            "log_dest stderr",
            $"listener {server.Port} 127.0.0.1",
        ];
        if (user is { } u)
        {
            var passwords = Path.Combine(folder, "passwords");
            RunTool("mosquitto_passwd", "-b", "-c", passwords, u.Name, u.Password);
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
        server.Run("mosquitto", "mosquitto", ["-c", Path.Combine(folder, "mosquitto.conf")]);
        return server;
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

    private static void RunTool(string program, params string[] args)
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
}
