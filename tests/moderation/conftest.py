import pytest

from marketplace.extensions import db
from tests.moderation import helpers


@pytest.fixture
def buyer(ctx, make):
    user = db.session.merge(make.buyer())
    helpers.rates()
    return user


@pytest.fixture
def reviewer(ctx, make):
    return db.session.merge(make.reviewer())


@pytest.fixture
def second_reviewer(ctx, make):
    return db.session.merge(make.reviewer())
