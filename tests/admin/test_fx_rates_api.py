"""FX rates through the admin API: every change is a new row, quotes read the rate in force at
their time, so an order placed before a change keeps the rate it was quoted with."""

from decimal import Decimal

import pytest

from marketplace.core.clock import utcnow
from marketplace.money import services as money
from marketplace.money.models import FxRate

URL = "/api/v1/admin/fx-rates"


def test_sets_a_rate(admin_api, app):
    response = admin_api.put(f"{URL}/USD", json={"rate": "7.2"})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["currency"], body["rate"]) == ("USD", "7.2")
    with app.app_context():
        assert money.current_rates()["USD"] == Decimal("7.2")
        row = money.rate_history("USD")[0]
        assert body["effective_at"] == row.effective_at.isoformat()


def test_a_lowercase_code_names_the_same_currency(admin_api):
    assert admin_api.put(f"{URL}/jpy", json={"rate": "0.048"}).get_json()["currency"] == "JPY"


def test_history_is_kept_and_an_earlier_time_still_sees_the_old_rate(admin_api, app, count):
    admin_api.put(f"{URL}/USD", json={"rate": "7.1"})
    quoted_at = utcnow()  # an order placed here keeps this FX snapshot
    admin_api.put(f"{URL}/USD", json={"rate": "7.3"})
    assert count(FxRate) == 2
    with app.app_context():
        assert [row.rate for row in money.rate_history("USD")] == [Decimal("7.3"), Decimal("7.1")]
        assert money.current_rates()["USD"] == Decimal("7.3")
        assert money.current_rates(at=quoted_at)["USD"] == Decimal("7.1")


def test_current_rates_and_history_are_listed(admin_api):
    admin_api.put(f"{URL}/USD", json={"rate": "7.1"})
    admin_api.put(f"{URL}/EUR", json={"rate": "7.8"})
    admin_api.put(f"{URL}/USD", json={"rate": "7.25"})
    current = admin_api.get(URL).get_json()
    assert [(item["currency"], item["rate"]) for item in current["items"]] == [
        ("EUR", "7.8"),
        ("USD", "7.25"),
    ]
    assert (current["page"], current["total"]) == (1, 2)
    history = admin_api.get(f"{URL}/USD/history").get_json()
    assert [item["rate"] for item in history["items"]] == ["7.25", "7.1"]


def test_every_change_is_audited_with_the_previous_rate(admin_api, audit_events):
    admin_api.put(f"{URL}/USD", json={"rate": "7.1"})
    second = admin_api.put(f"{URL}/USD", json={"rate": "7.3"}).get_json()
    events = audit_events("fx_rate")
    assert [(action, subject) for action, subject, _, _ in events] == [("fx_rate.set", "USD")] * 2
    assert events[0][2] is None
    assert events[1][2]["rate"] == "7.1"
    assert events[1][3] == {"rate": "7.3", "effective_at": second["effective_at"]}


@pytest.mark.parametrize(
    "currency, body, code, field",
    [
        ("USD", {"rate": 7.2}, "validation_failed", "rate"),
        ("USD", {"rate": "0"}, "validation_failed", "rate"),
        ("USD", {"rate": "-7"}, "validation_failed", "rate"),
        ("USD", {"rate": "7.1234567"}, "validation_failed", "rate"),
        ("USD", {"rate": "1000000"}, "validation_failed", "rate"),
        ("USD", {"rate": "seven"}, "validation_failed", "rate"),
        ("USD", {"rate": None}, "validation_failed", "rate"),
        ("USD", {}, "validation_failed", "rate"),
        ("USD", {"rate": "7", "source": "bank"}, "validation_failed", "source"),
        ("XYZ", {"rate": "7"}, "unknown_currency", "currency"),
        ("DOLLARS", {"rate": "7"}, "unknown_currency", "currency"),
        ("CNY", {"rate": "1"}, "base_currency", "currency"),
    ],
)
def test_bad_rates_are_refused_and_nothing_is_written(
    admin_api, count, audit_events, currency, body, code, field
):
    response = admin_api.put(f"{URL}/{currency}", json=body)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == code
    assert list(error["fields"]) == [field]
    assert count(FxRate) == 0
    assert audit_events("fx_rate") == []


def test_malformed_json_is_a_400(admin_api, count):
    response = admin_api.put(f"{URL}/USD", data="7.2", content_type="application/json")
    assert response.status_code == 400
    assert count(FxRate) == 0


def test_history_of_an_unknown_currency_is_refused(admin_api):
    response = admin_api.get(f"{URL}/XYZ/history")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "unknown_currency"
