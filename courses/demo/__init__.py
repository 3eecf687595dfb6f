"""Demo content of this app, loaded by `academy demo` (idempotent)."""


def load() -> list[str]:
    """Create what is missing; return a line for each thing created."""
    return []
