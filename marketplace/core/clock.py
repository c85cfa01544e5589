"""The one place that asks the system for the time. Services take ``now`` as an argument;
front doors and jobs call ``utcnow()`` once per unit of work."""
from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Naive datetimes are taken to be UTC (SQLite returns them so)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
