namespace Cdc.Connector.LiveView;

/// <summary>One encoded message for the live view's clients; <see cref="IsChange"/> tells a change (counted when dropped) from a status.</summary>
internal readonly record struct LiveMessage(byte[] Json, bool IsChange);
