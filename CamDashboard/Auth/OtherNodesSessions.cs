using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Viewers;

namespace CamDashboard.Auth;

/// <summary>Ends here, at once, what another node of a cluster ended for a user or a token: the
/// user's remembered Basic logins and streams (cookies follow through the shared security
/// stamp; pages and hub connections through the same event), and a revoked token's streams. A
/// token created elsewhere is read from the shared database at its first use here.</summary>
internal sealed class OtherNodesSessions(LiveEvents events, CredentialVerifier credentials, StreamTokens tokens, IViewerRegistry viewers, ViewerModeration moderation) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(OnEvent);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void OnEvent(LiveEvent change)
    {
        if (events.IsLocal(change))
        {
            return;
        }

        switch (change)
        {
            case UserChanged { EndsSessions: true } user:
                credentials.ForgetUser(user.User);
                EndStreamsOf(user.User);
                break;
            case TokenChanged token:
                tokens.Reload();
                if (token.Change == TokenChangeKind.Revoked)
                {
                    EndStreamsOf(StreamTokens.PrincipalName(token.Name, token.TokenId));
                }

                break;
        }
    }

    private void EndStreamsOf(string principal)
    {
        foreach (var viewer in viewers.Viewers.Where(v => string.Equals(v.Description.User, principal, StringComparison.OrdinalIgnoreCase)))
        {
            moderation.EndHere(viewer.Id);
        }
    }
}
