"""Telling other apps that something happened, once the transaction that did it has committed.

A lower app never imports a higher one; it declares a domain signal and sends it with
`send_after_commit`. Receivers run after the commit, so they see the saved data. A receiver
that raises is logged (Django's `send_robust` writes it, with its traceback, to the
`django.dispatch` logger) and the others still run: the action the user asked for is already
saved, so a failing receiver must not turn it into an error page.
"""

from django.db import transaction
from django.dispatch import Signal


def send_after_commit(signal: Signal, *, sender, **kwargs) -> None:
    """Send `signal` when the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: signal.send_robust(sender=sender, **kwargs))
