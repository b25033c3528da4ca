namespace CamDashboard.Data;

/// <summary>Where the data lives.</summary>
internal enum DatabaseProvider
{
    /// <summary>One file beside the app: one node.</summary>
    Sqlite,

    /// <summary>A server that several nodes share.</summary>
    PostgreSql,
}

/// <summary>Reads <c>Database:Provider</c>.</summary>
internal static class DatabaseProviders
{
    public const string Key = "Database:Provider";

    /// <summary>The provider <paramref name="value"/> names (any case; empty is SQLite), or a start-up error naming the key.</summary>
    public static DatabaseProvider Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSql,
        _ => throw new InvalidOperationException($"{Key} is '{value}': it must be Sqlite (the default) or PostgreSQL."),
    };
}
