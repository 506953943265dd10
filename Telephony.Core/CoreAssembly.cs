namespace Telephony.Core;

/// <summary>Anchor type for assembly scanning.</summary>
public static class CoreAssembly;
