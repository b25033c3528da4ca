using System.Text;
using CamDashboard.Streaming.Auditing;

namespace CamDashboard.Groups;

/// <summary>The shared camera groups: admins save and remove them (checked, audited), everyone
/// picks one.</summary>
internal sealed class CameraGroups(ICameraGroupStore store, IAuditTrail audit)
{
    /// <summary>The longest name (and id).</summary>
    public const int MaxNameLength = 64;

    /// <summary>Every group, by name.</summary>
    public async Task<IReadOnlyList<CameraGroup>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.LoadAsync(cancellationToken)).OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Saves a new group (<paramref name="id"/> null) or changes one; the error says why not.</summary>
    public async Task<(CameraGroup? Group, string? Error)> SaveAsync(string? id, string name, IReadOnlyList<string> cameraIds, string? by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cameraIds);
        name = (name ?? "").Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            return (null, $"A group's name must be 1 to {MaxNameLength} characters.");
        }

        var slug = Slug(name);
        if (slug.Length == 0)
        {
            return (null, "A group's name needs a letter or a digit.");
        }

        var cameras = cameraIds.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (cameras.Count == 0)
        {
            return (null, "Pick at least one camera for the group.");
        }

        var all = await store.LoadAsync(cancellationToken);
        if (all.Any(g => g.Id != id && string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, $"A group named “{name}” exists already.");
        }

        if (id is not null && !all.Any(g => g.Id == id))
        {
            return (null, "That group was removed meanwhile.");
        }

        // A new group gets an id never in use; a renamed one keeps its own: a wall screen's URL names one group for good.
        var unique = id ?? slug;
        for (var n = 2; id is null && all.Any(g => g.Id == unique); n++)
        {
            unique = $"{slug[..Math.Min(slug.Length, MaxNameLength - 4)]}-{n}";
        }

        var group = new CameraGroup(unique, name, cameras);
        await store.SaveAsync(group, cancellationToken);
        await audit.RecordAsync(by, AuditActions.GroupSaved, $"{group.Name} ({group.Id}): {string.Join(", ", group.CameraIds)}", cancellationToken);
        return (group, null);
    }

    /// <summary>Removes group <paramref name="id"/>; false when there is none.</summary>
    public async Task<bool> RemoveAsync(string id, string? by, CancellationToken cancellationToken)
    {
        var group = (await store.LoadAsync(cancellationToken)).FirstOrDefault(g => g.Id == id);
        if (group is null || !await store.RemoveAsync(id, cancellationToken))
        {
            return false;
        }

        await audit.RecordAsync(by, AuditActions.GroupRemoved, $"{group.Name} ({group.Id})", cancellationToken);
        return true;
    }

    /// <summary>A URL-friendly id for a name: "Front yard" → <c>front-yard</c>.</summary>
    internal static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormKD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length > MaxNameLength ? text[..MaxNameLength].TrimEnd('-') : text;
    }
}
