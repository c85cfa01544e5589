"""Tenancy in one place.

Every shop-owned model mixes in ``ShopOwned``. A buyer request opens ``shop_scope(shop_id)``
(the buyer access rule does it for every buyer route and API); while it is open every ORM
SELECT, UPDATE and DELETE gets ``shop_id = :current`` added through ``with_loader_criteria``,
so a query that forgets the filter still cannot see or touch another shop's rows, and a flush
that writes a row for another shop is refused. Services still take the shop explicitly; this is
the safety net under them.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, with_loader_criteria

_current_shop_id: ContextVar[int | None] = ContextVar("current_shop_id", default=None)


class TenancyViolation(RuntimeError):
    """Code tried to write a row of another shop inside a shop scope: a bug, never user input."""


class ShopOwned:
    """Mixin for every row that belongs to one shop (the tenant)."""

    @declared_attr
    def shop_id(cls) -> Mapped[int]:  # noqa: N805 - declared_attr takes the class
        return mapped_column(ForeignKey("shops.id"), index=True, nullable=False)


def current_shop_id() -> int | None:
    return _current_shop_id.get()


@contextmanager
def shop_scope(shop_id: int) -> Iterator[None]:
    token = _current_shop_id.set(shop_id)
    try:
        yield
    finally:
        _current_shop_id.reset(token)


def _scope_to_current_shop(state) -> None:
    shop_id = _current_shop_id.get()
    if shop_id is None or state.is_column_load or state.is_relationship_load:
        return
    if state.is_select or state.is_update or state.is_delete:
        state.statement = state.statement.options(
            with_loader_criteria(ShopOwned, lambda cls: cls.shop_id == shop_id, include_aliases=True)
        )


def _refuse_foreign_writes(session, flush_context, instances) -> None:
    shop_id = _current_shop_id.get()
    if shop_id is None:
        return
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, ShopOwned) and obj.shop_id not in (None, shop_id):
            raise TenancyViolation(f"{type(obj).__name__} of shop {obj.shop_id} written in shop {shop_id}")


SESSION_EVENTS = (
    ("do_orm_execute", _scope_to_current_shop),
    ("before_flush", _refuse_foreign_writes),
)
