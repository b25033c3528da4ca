using Microsoft.EntityFrameworkCore.Migrations;

namespace CamDashboard.Data.Migrations;

/// <summary>The audit action names before they took one style, and after: the stored rows are
/// renamed on both providers, so the audit log's filter lists each action once. Frozen here,
/// not read from <c>AuditActions</c>, because a migration must do the same thing forever.</summary>
internal static class AuditActionRenames
{
    private static readonly (string Old, string New)[] Names =
    [
        ("camera-add", "camera added"),
        ("camera-edit", "camera changed"),
        ("camera-remove", "camera removed"),
        ("settings", "settings changed"),
        ("kick", "viewer kicked"),
        ("ban", "viewer banned"),
        ("unban", "ban lifted"),
        ("sign-in", "user signed in"),
        ("sign-out", "user signed out"),
    ];

    public static void Up(MigrationBuilder migrationBuilder) => Rename(migrationBuilder, Names);

    public static void Down(MigrationBuilder migrationBuilder) => Rename(migrationBuilder, Names.Select(n => (n.New, n.Old)));

    private static void Rename(MigrationBuilder migrationBuilder, IEnumerable<(string From, string To)> names)
    {
        foreach (var (from, to) in names)
        {
            migrationBuilder.Sql($"""UPDATE "Audit" SET "Action" = '{to}' WHERE "Action" = '{from}';""");
        }
    }
}
