"""Job errors."""
from __future__ import annotations


class TransientError(Exception):
    """Raise from a task when trying again later may succeed (a partner is down, a lock is held).
    The job is retried with backoff; any other exception fails it at once."""


class UnknownTask(LookupError):
    """``enqueue`` named a task nobody registered: a programming error, never user input."""
