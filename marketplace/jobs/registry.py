"""Which tasks and periodic jobs exist. Each domain declares its own in ``<domain>/tasks.py``;
``marketplace.tasks`` imports them all, so the web process and every worker know the same names.

A task takes a ``JobContext`` and plain, JSON-serialisable arguments (ids, not objects) and must
be safe to run twice: a job can be delivered again after a crash or a sweep.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from marketplace.jobs.errors import UnknownTask

DEFAULT_QUEUE = "default"
QUEUES = ("high", DEFAULT_QUEUE, "mail", "low")  # a worker listens to them in this order


@dataclass(frozen=True)
class Task:
    name: str
    function: Callable
    queue: str = DEFAULT_QUEUE
    retries: int = 3


@dataclass(frozen=True)
class Periodic:
    name: str
    function: Callable  # function(now) -> None
    every: timedelta
    queue: str = DEFAULT_QUEUE


TASKS: dict[str, Task] = {}
PERIODIC: dict[str, Periodic] = {}


def _check_queue(queue: str) -> None:
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue!r}; add it to QUEUES so workers listen to it")


def task(name: str, queue: str = DEFAULT_QUEUE, retries: int = 3):
    """Register ``function(context, *args)`` as the task ``name``."""
    _check_queue(queue)

    def decorate(function):
        TASKS[name] = Task(name, function, queue, retries)
        return function

    return decorate


def periodic(name: str, every: timedelta, queue: str = DEFAULT_QUEUE):
    """Register ``function(now)`` to run every ``every``; it must be cheap when there is nothing
    to do and safe to run twice at once."""
    _check_queue(queue)

    def decorate(function):
        PERIODIC[name] = Periodic(name, function, every, queue)
        return function

    return decorate


def get_task(name: str) -> Task:
    try:
        return TASKS[name]
    except KeyError:
        raise UnknownTask(name) from None
