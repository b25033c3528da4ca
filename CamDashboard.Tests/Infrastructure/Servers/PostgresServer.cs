using System.Diagnostics;
using Npgsql;

namespace CamDashboard.Tests.Infrastructure.Servers;

/// <summary>Debian's PostgreSQL, one server for the whole test run: <c>initdb</c> in a temp folder
/// (as <c>nobody</c> when the tests run as root, which PostgreSQL refuses), then <c>pg_ctl</c>
/// on 127.0.0.1 with password authentication. Each test takes a database of its own. Stopped
/// when the test process exits.</summary>
public sealed class PostgresServer
{
    private const string User = "camdashboard", Password = "Pg-Test-Password-1";
    private static readonly Lazy<PostgresServer> Shared = new(Start);
    private readonly string _folder;

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static PostgresServer Instance => Shared.Value;

    /// <summary>A connection string of a new, empty database.</summary>
    public string NewDatabase()
    {
        var name = $"camdashboard_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        create.ExecuteNonQuery();
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={User};Password={Password};Pooling=False";

    private static PostgresServer Start()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture))
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql).");
        // The test host may end before the exit handler has removed its folder: earlier runs'
        // folders whose server is gone (no postmaster.pid) are removed here.
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), "camdashboard-pg-*").Where(d => !File.Exists(Path.Combine(d, "data", "postmaster.pid"))))
        {
            Run("rm", "-rf", stale);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"camdashboard-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, "data");
        var passwordFile = Path.Combine(folder, "password");
        File.WriteAllText(passwordFile, Password);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", "-R", "nobody", folder);
        }

        var port = ExternalCamera.FreePort();
        RunPostgres(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", User, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "--encoding=UTF8", "--no-sync");
        RunPostgres(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "60", "start",
            "-o", $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} -c fsync=off -c max_connections=200");
        var server = new PostgresServer(folder, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunPostgres(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop");
                Run("rm", "-rf", folder);
            }
            catch (InvalidOperationException)
            {
                // Already gone: nothing is left to stop.
            }
        };
        return server;
    }

    private static void RunPostgres(bool asRoot, string program, params string[] args)
    {
        if (asRoot)
        {
            Run("runuser", ["-u", "nobody", "--", program, .. args]);
        }
        else
        {
            Run(program, args);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish in 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {errors.Result}{output.Result}");
        }
    }

}
