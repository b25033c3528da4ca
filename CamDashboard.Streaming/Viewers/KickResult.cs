namespace CamDashboard.Streaming.Viewers;

/// <summary>What became of a kick.</summary>
public enum KickResult
{
    /// <summary>The connection ended (and the ban, if any, is set).</summary>
    Kicked,

    /// <summary>No such viewer: it had left already.</summary>
    AlreadyLeft,

    /// <summary>Refused: the ban would cover the admin asking for it, who could then not undo it.</summary>
    WouldBanYourself,

    /// <summary>Refused: a relay to another node is not a person; banning it would cut that node's viewers off.</summary>
    WouldBanANode,
}
