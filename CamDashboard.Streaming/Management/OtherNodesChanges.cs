using System.Threading.Channels;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CamDashboard.Streaming.Management;

/// <summary>Makes what another node of a cluster changed true here too: its settings apply to
/// this node's camera at once; a camera it added, redefined or removed is read from the store
/// they share. Pages hear the event again once it is applied, so that they show the result.
/// Bans follow in <c>ViewerBans</c>. A single node never hears another's events.</summary>
internal sealed class OtherNodesChanges(LiveEvents events, CameraCatalog cameras, CameraAdministration administration, ILogger<OtherNodesChanges> logger) : BackgroundService
{
    private readonly Channel<CameraListChanged> _cameraChanges = Channel.CreateUnbounded<CameraListChanged>(new() { SingleReader = true });
    private LiveEvent? _redelivering;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = events.Subscribe(OnEvent);
        await foreach (var change in _cameraChanges.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await administration.FollowAsync(change.CameraId, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is the other node's truth too: unreadable now, the camera is read at the next change or restart.
                StreamingLog.FollowFailed(logger, change.CameraId, change.Node, ex);
                continue;
            }

            _redelivering = change;
            events.Deliver(change);
            _redelivering = null;
        }
    }

    private void OnEvent(LiveEvent change)
    {
        if (events.IsLocal(change) || ReferenceEquals(change, _redelivering))
        {
            return;
        }

        switch (change)
        {
            case CameraSettingsChanged settings when cameras.Find(settings.CameraId) is { } camera:
                var applied = new CameraSettings(settings.Quality, settings.MaxFps, settings.Activity);
                if (applied.IsValidFor(camera.MayDeliverJpeg) && applied != camera.Settings)
                {
                    camera.ApplySettings(applied);
                }

                break;
            case CameraListChanged list:
                _cameraChanges.Writer.TryWrite(list);
                break;
        }
    }
}
