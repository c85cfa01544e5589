"""The settings page: the same rules as the API, errors next to the fields, PRG on success."""

import io

import pytest
from PIL import Image

from marketplace.audit.services import events_for
from marketplace.extensions import db
from marketplace.shops.models import Shop

EN = {"Accept-Language": "en"}
GOOD = {
    "name": "Kyoto Picks",
    "description": "Tea and ceramics",
    "base": "25",
    "per_kg": "10.50",
    "free_over": "",
    "regime": "postal",
}


@pytest.fixture
def buyer(make):
    return make.buyer(country="JP", shop_name="Tokyo Finds")


def shop_row(app, shop_id) -> Shop:
    with app.app_context():
        return db.session.get(Shop, shop_id, populate_existing=True)


def test_the_page_shows_the_current_settings(make, buyer):
    page = make.signed_in(buyer).get("/portal/settings", headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'value="Tokyo Finds"' in html and 'checked id="no_reason" name="no_reason" type="checkbox"' in html
    assert '<option selected value="cbec">' in html


def test_a_valid_submit_saves_and_redirects(app, make, buyer):
    client = make.signed_in(buyer)
    picture = io.BytesIO()
    Image.new("RGB", (30, 30), "blue").save(picture, "JPEG")
    response = client.post(
        "/portal/settings", data={**GOOD, "avatar": (io.BytesIO(picture.getvalue()), "a.jpg")}, headers=EN
    )
    assert (response.status_code, response.location) == (302, "/portal/settings")
    shop = shop_row(app, buyer.shop.id)
    assert (shop.name, shop.description, shop.customs_regime, shop.returns_no_reason) == (
        "Kyoto Picks",
        "Tea and ceramics",
        "postal",
        False,
    )
    assert (str(shop.direct_mail_base), str(shop.direct_mail_per_kg), shop.direct_mail_free_over) == (
        "25.0000",
        "10.5000",
        None,
    )
    assert shop.avatar_key.endswith(".jpg")
    assert "The shop settings were saved." in client.get("/portal/settings", headers=EN).get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("base", "-5", "Must be at least 0."),
        ("per_kg", "ten", "Not a valid number."),
        ("free_over", "1.999", "At most 2 decimal places."),
        ("name", "", "This field is required."),
        ("regime", "courier", "Choose cbec or postal."),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_changes(app, make, buyer, field, value, message):
    response = make.signed_in(buyer).post("/portal/settings", data={**GOOD, field: value}, headers=EN)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<p class="error" id="{field}-error">{message}</p>' in html
    shop = shop_row(app, buyer.shop.id)
    assert (shop.name, shop.customs_regime, shop.returns_no_reason) == ("Tokyo Finds", "cbec", True)
    with app.app_context():
        assert events_for("shop", buyer.shop.id) == []


def test_a_bad_avatar_keeps_every_other_setting_unchanged(app, make, buyer):
    response = make.signed_in(buyer).post(
        "/portal/settings",
        data={**GOOD, "avatar": (io.BytesIO(b"%PDF-1.4 not a picture"), "me.jpg")},
        headers=EN,
    )
    assert response.status_code == 422
    assert 'id="avatar-error">This file is not a JPEG, PNG or WebP picture.</p>' in response.get_data(
        as_text=True
    )
    shop = shop_row(app, buyer.shop.id)
    assert (shop.name, shop.avatar_key) == ("Tokyo Finds", None)


def test_the_page_needs_a_shop(make):
    assert make.signed_in(make.user()).get("/portal/settings").status_code == 403
