"""The admin's pre-screening thresholds: read, change (partial), refuse bad values whole."""

import pytest

from marketplace.audit.services import events_for

URL = "/api/v1/admin/moderation/rules"


def test_the_admin_reads_and_changes_thresholds(api, make, app):
    admin = api(make.admin())
    current = admin.get(URL).get_json()
    assert current["four_eyes"] == {"price_cny": "5000", "risk_score": 60}
    assert current["rules"]["too_few_images"] == {"enabled": True, "weight": 10, "minimum": 3}
    changed = admin.put(
        URL, json={"rules": {"too_few_images": {"minimum": 4}}, "four_eyes": {"price_cny": "8000"}}
    )
    assert changed.status_code == 200
    body = changed.get_json()
    assert body["rules"]["too_few_images"] == {"enabled": True, "weight": 10, "minimum": 4}
    assert body["four_eyes"] == {"price_cny": "8000", "risk_score": 60}
    with app.app_context():
        event = events_for("moderation_settings", "prescreening")[-1]
        assert (event.action, event.before, event.after) == (
            "moderation_settings.updated",
            {},
            {"rules": {"too_few_images": {"minimum": 4}}, "four_eyes": {"price_cny": "8000"}},
        )


@pytest.mark.parametrize(
    "body, field",
    [
        ({"rules": {"no_such_rule": {"weight": 1}}}, "rules.no_such_rule"),
        ({"rules": {"too_few_images": {"minimum": "four"}}}, "rules.too_few_images.minimum"),
        ({"rules": {"too_few_images": {"enabled": "yes"}}}, "rules.too_few_images.enabled"),
        ({"rules": {"banned_words": {"words": "replica"}}}, "rules.banned_words.words"),
        ({"four_eyes": {"price_cny": "-1"}}, "four_eyes.price_cny"),
        ({"rule_error_weight": -5}, "rule_error_weight"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(api, make, body, field):
    admin = api(make.admin())
    before = admin.get(URL).get_json()
    response = admin.put(URL, json={**body, "four_eyes": body.get("four_eyes", {"risk_score": 99})})
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert admin.get(URL).get_json() == before


def test_only_admins(api, make):
    assert api(make.reviewer()).get(URL).status_code == 403
    assert api(None).put(URL, json={}).status_code == 401
