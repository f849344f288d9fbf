namespace StreamEngine.Application.Abstractions;

/// <summary>Thrown by a store when a write breaks a unique key (two registrations racing for one e-mail).</summary>
public sealed class DuplicateKeyException(string message, Exception? inner = null) : Exception(message, inner)
{
    public DuplicateKeyException()
        : this("A unique key was violated.") { }

    public DuplicateKeyException(string message)
        : this(message, null) { }
}

/// <summary>Thrown by a store when the row changed since it was read (two refreshes of one session racing).</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner)
{
    public ConcurrencyConflictException()
        : this("The data changed since it was read.") { }

    public ConcurrencyConflictException(string message)
        : this(message, null) { }
}
