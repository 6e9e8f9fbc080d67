"""Every use of another package's private names or copied internals, behind one gate."""
