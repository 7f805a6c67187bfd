namespace Snapshots.Provisions;

/// <summary>Which guard, if any, made this type out of another type's match.</summary>
public enum ClauseGuard
{
    /// <summary>The type's own language matched.</summary>
    None,

    /// <summary>Another type's language matched with a negation before it ("we do not use your content to train").</summary>
    Negated,

    /// <summary>Another type's language matched with an exception in its sentence ("except for Labs Models").</summary>
    CarvedOut,
}
