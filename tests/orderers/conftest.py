"""Shoppers with API clients, valid and invalid resident ID numbers, and a look at every table."""
import pytest
from sqlalchemy import func, select

from marketplace.extensions import db

# Valid numbers (GB 11643 check digit, real birth date and region code).
ZHANG_SAN = "11010519491231002X"  # the example of PRODUCT.md: 110***********002X
LI_SI = "44030519900101123X"
LEAP_DAY = "110101200002290018"

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-CN"}


@pytest.fixture
def shopper(make):
    return make.shopper()


@pytest.fixture
def other(make):
    return make.shopper()


@pytest.fixture
def shopper_api(api, shopper):
    return api(shopper)


@pytest.fixture
def other_api(api, other):
    return api(other)


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def every_stored_value(app) -> str:
    """Every row of every table, as text: what a stolen database dump would show."""
    with app.app_context():
        rows = [repr(tuple(row)) for table in db.metadata.sorted_tables
                for row in db.session.execute(table.select())]
    return "\n".join(rows)
