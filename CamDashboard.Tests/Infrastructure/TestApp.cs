using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CamDashboard.Streaming.Cameras;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>The real app on Kestrel at 127.0.0.1 with a fresh SQLite file and the given cameras.</summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-Test-Password-1";
    private readonly string _databasePath;
    private readonly bool _ownsDatabase;
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Admin:Password"] = AdminPassword,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Streaming:ReconnectDelay"] = "00:00:00.2",
        ["Streaming:MaxReconnectDelay"] = "00:00:01",
    };
    private readonly List<Action<IServiceCollection>> _services = [];
    private int _port;

    /// <summary>Every error the app logged.</summary>
    public LogRecorder Errors { get; } = new();

    /// <summary>Every log line at Information or above that the app's log levels let through.</summary>
    public LogRecorder Lines { get; } = new(LogLevel.Information);

    public TestApp(params CameraOptions[] cameras)
        : this(NewDatabasePath(), ownsDatabase: true, cameras)
    {
    }

    /// <summary>An app on an existing database file, as after a restart; the file is left in place.</summary>
    public TestApp(string databasePath, params CameraOptions[] cameras)
        : this(databasePath, ownsDatabase: false, cameras)
    {
    }

    private TestApp(string databasePath, bool ownsDatabase, CameraOptions[] cameras)
    {
        _databasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        _settings["ConnectionStrings:CamDashboard"] = $"Data Source={_databasePath};Pooling=False";
        // Every settable field of the definition, as the configuration binder reads it back.
        var fields = typeof(CameraOptions).GetProperties().Where(p => p.CanWrite).ToList();
        for (var i = 0; i < cameras.Length; i++)
        {
            foreach (var field in fields)
            {
                _settings[$"Cameras:{i}:{field.Name}"] = field.GetValue(cameras[i]) is { } value ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
            }
        }

        UseKestrel(o => o.Listen(IPAddress.Loopback, _port));
    }

    /// <summary>A small, quick test-pattern camera.</summary>
    public static CameraOptions Pattern(string id = "cam", int fps = 15, int width = 320, int height = 180, int quality = 80, bool texture = false) =>
        new() { Id = id, Source = CameraSourceSpec.TestPattern, MaxFps = fps, Width = width, Height = height, Quality = quality, Texture = texture };

    public TestApp With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>The app on a PostgreSQL database (a connection string of <see cref="Servers.PostgresServer"/>) in place of its SQLite file.</summary>
    public TestApp OnPostgres(string connectionString) =>
        With("Database:Provider", "PostgreSQL").With("ConnectionStrings:CamDashboard", connectionString);

    /// <summary>Listens on <paramref name="port"/> of 127.0.0.1 instead of a port of its own choosing (a node whose URL others must know first).</summary>
    public TestApp OnPort(int port)
    {
        _port = port;
        return this;
    }

    public TestApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            return new Uri(addresses.Addresses.First());
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A client on real sockets, signed in as admin unless told otherwise.</summary>
    public HttpClient Client(string? user = "admin", string? password = AdminPassword, SocketsHttpHandler? handler = null)
    {
        var client = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = Basic(user, password ?? "");
        }

        return client;
    }

    /// <summary>A handler whose connections come from another loopback address, as another machine's would.</summary>
    public static SocketsHttpHandler From(string address) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
    };

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Package assets (MudBlazor, the Blazor script) come from the build's manifest, as in development.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Errors).AddProvider(Lines));
        builder.ConfigureTestServices(services => _services.ForEach(configure => configure(services)));
    }

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"camdashboard-test-{Guid.NewGuid():N}.db");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            File.Delete(_databasePath);
        }
    }
}
