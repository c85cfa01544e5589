"""Column types shared by every model."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import DateTime, Numeric, TypeDecorator

from marketplace.core.clock import as_utc


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC on the way in and out, whatever the engine stores."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = as_utc(value)
        # SQLite has no time zones: store the UTC wall time.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        return None if value is None else as_utc(value)


class Amount(TypeDecorator):
    """A money amount: exact decimal, never float. Four places hold any currency's minor units
    and FX-converted intermediates; presentation rounds per currency in ``money``."""

    impl = Numeric(18, 4)
    cache_ok = True

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)


class Rate(TypeDecorator):
    """A rate or ratio (tax rate, FX rate), exact decimal."""

    impl = Numeric(12, 6)
    cache_ok = True

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)
