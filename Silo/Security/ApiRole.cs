namespace Kusabi.Silo.Security;

/// <summary>Who may do what: viewers read, operators read and act, factories register pre keys.</summary>
public enum ApiRole
{
    Viewer,
    Operator,
    Factory,
}
