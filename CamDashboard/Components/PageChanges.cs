using CamDashboard.Data;
using MudBlazor;

namespace CamDashboard.Components;

/// <summary>Runs a change a page makes (save a camera, add a user, ban a viewer). When the database
/// takes no write — a full disk — the page says so and nothing is changed (every change is stored
/// before it is applied), instead of the circuit failing.</summary>
internal sealed class PageChanges(StorageHealth storage, ISnackbar snackbar)
{
    /// <summary>True when <paramref name="change"/> went through.</summary>
    public async Task<bool> TryAsync(Func<Task> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            await change();
            return true;
        }
        catch (Exception ex) when (StorageHealth.IsStorageFailure(ex))
        {
            var reason = storage.RecordFailure(ex);
            snackbar.Add($"Nothing was changed: {reason}.", Severity.Error);
            return false;
        }
    }
}
