"""The daily FX refresh from a feed in the ECB XML format, read from a local file."""

import logging
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.jobs.models import JobRecord
from marketplace.jobs.runner import run_periodic
from marketplace.money import fx_feed
from marketplace.money.models import FxRate

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject>
  <gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
  <Cube>
    <Cube time="2026-03-02">
      <Cube currency="USD" rate="1.0800"/>
      <Cube currency="JPY" rate="162.50"/>
      <Cube currency="GBP" rate="0.8500"/>
      <Cube currency="KRW" rate="1450.00"/>
      <Cube currency="AUD" rate="1.6500"/>
      <Cube currency="CHF" rate="0.9500"/>
      <Cube currency="CNY" rate="7.8000"/>
    </Cube>
  </Cube>
</gesmes:Envelope>
"""
EXPECTED = {
    "AUD": Decimal("4.727273"),
    "EUR": Decimal("7.800000"),
    "GBP": Decimal("9.176471"),
    "JPY": Decimal("0.048000"),
    "KRW": Decimal("0.005379"),
    "USD": Decimal("7.222222"),
}
# 16:00 in Frankfurt on 2 March (CET, UTC+1).
PUBLISHED = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def stored(app) -> dict:
    with app.app_context():
        rows = db.session.scalars(select(FxRate).order_by(FxRate.currency, FxRate.id))
        return {row.currency: (row.rate, row.effective_at, row.source) for row in rows}


@pytest.fixture
def feed_file(tmp_path, app):
    path = tmp_path / "eurofxref-daily.xml"
    path.write_text(FEED, encoding="utf-8")
    app.config["FX_FEED_URL"] = path.as_uri()
    yield path
    app.config["FX_FEED_URL"] = None


def test_the_job_stores_cny_rates_with_effective_time_and_source(app, feed_file):
    with app.app_context():
        run_periodic("money.refresh_fx_rates", now=NOW)
    assert stored(app) == {currency: (rate, PUBLISHED, "ecb") for currency, rate in EXPECTED.items()}


def test_running_twice_stores_nothing_more(app, feed_file):
    with app.app_context():
        run_periodic("money.refresh_fx_rates", now=NOW)
        run_periodic("money.refresh_fx_rates", now=NOW)
        assert len(list(db.session.scalars(select(FxRate)))) == len(EXPECTED)


def test_a_plain_path_works_too(app, feed_file):
    with app.app_context():
        assert fx_feed.refresh(str(feed_file), now=NOW) == sorted(EXPECTED)


def test_the_effective_time_is_never_in_the_future():
    early = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert fx_feed.effective_time(PUBLISHED.date(), early) == early
    summer = fx_feed.effective_time(datetime(2026, 7, 1).date(), datetime(2026, 7, 2, tzinfo=UTC))
    assert summer == datetime(2026, 7, 1, 14, 0, tzinfo=UTC)  # CEST, UTC+2


@pytest.mark.parametrize(
    "content",
    [
        "not xml at all",
        "<gesmes:Envelope",
        FEED.replace('<Cube currency="CNY" rate="7.8000"/>', ""),
        FEED.replace('rate="1.0800"', 'rate="abc"'),
        FEED.replace('rate="1.0800"', 'rate="-1"'),
        FEED.replace('time="2026-03-02"', 'time="yesterday"'),
        FEED.replace('rate="1.0800"', 'rate="NaN"'),
        "<Envelope><Cube></Cube></Envelope>",
        "",
    ],
)
def test_a_malformed_feed_changes_nothing_and_is_logged(app, tmp_path, content, caplog):
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    app.config["FX_FEED_URL"] = str(path)
    try:
        with app.app_context(), caplog.at_level(logging.WARNING, logger="marketplace.money.fx_feed"):
            run_periodic("money.refresh_fx_rates", now=NOW)
    finally:
        app.config["FX_FEED_URL"] = None
    assert stored(app) == {}
    assert [record.getMessage().split(":")[0] for record in caplog.records] == [f"FX feed {path} skipped"]


def test_a_missing_file_changes_nothing(app, tmp_path, caplog):
    with app.app_context():
        assert fx_feed.refresh(str(tmp_path / "absent.xml"), now=NOW) == []
    assert stored(app) == {}


def test_new_rates_reprice_the_search_documents(app, feed_file):
    with app.app_context():
        run_periodic("money.refresh_fx_rates", now=NOW)
        run_periodic("money.refresh_fx_rates", now=NOW)
        reprices = db.session.scalars(select(JobRecord).where(JobRecord.task == "search.reprice")).all()
    assert len(reprices) == 1  # the second refresh changed no rate


def test_rates_are_read_once_per_transaction_and_a_new_rate_is_seen_at_once(app, make):
    from decimal import Decimal

    from sqlalchemy import event

    from marketplace.core.clock import utcnow
    from marketplace.extensions import db
    from marketplace.money import services as money

    with app.app_context():
        now = utcnow()
        money.set_rate("USD", Decimal("7.1"), now=now)
        statements = []
        event.listen(db.session.get_bind(), "before_cursor_execute",
                     lambda *args: statements.append(args[2]))
        assert money.current_rates(now)["USD"] == Decimal("7.1")
        assert money.current_rates(now)["USD"] == Decimal("7.1")
        assert len([sql for sql in statements if "fx_rates" in sql]) == 1
        money.set_rate("USD", Decimal("7.3"), now=now)
        assert money.current_rates(now)["USD"] == Decimal("7.3")
