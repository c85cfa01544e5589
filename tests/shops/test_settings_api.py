"""GET/PATCH /api/v1/shop and the avatar upload: partial updates, and bad input refused whole."""

import io

import pytest
from PIL import Image

from marketplace.audit.services import events_for
from marketplace.extensions import db
from marketplace.shops.models import Shop
from marketplace.storage import get_storage

EN = {"Accept-Language": "en"}
DEFAULTS = {"direct_mail": {"base": "0.00", "per_kg": "0.00", "free_over": None, "regime": "cbec"}}


@pytest.fixture
def buyer(make):
    return make.buyer(country="JP", shop_name="Tokyo Finds")


def shop_row(shop_id) -> Shop:
    return db.session.get(Shop, shop_id, populate_existing=True)


def png_bytes(size=(40, 20), colour="red") -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, "PNG")
    return output.getvalue()


def test_get_shows_the_shop_with_its_defaults(api, buyer):
    body = api(buyer).get("/api/v1/shop").get_json()
    assert body == {
        "id": buyer.shop.id,
        "slug": buyer.shop.slug,
        "name": "Tokyo Finds",
        "currency": "JPY",
        "country": "JP",
        "level": 1,
        "description": "",
        "avatar_url": None,
        "shipping": DEFAULTS,
        "returns": {"no_reason": True},
    }


def test_patch_changes_only_the_given_fields_and_audits(api, buyer, ctx):
    client = api(buyer)
    response = client.patch(
        "/api/v1/shop",
        json={"shipping": {"direct_mail": {"base": "30", "per_kg": "12.5"}}, "returns": {"no_reason": False}},
    )
    assert response.status_code == 200
    assert response.get_json()["shipping"] == {
        "direct_mail": {"base": "30.00", "per_kg": "12.50", "free_over": None, "regime": "cbec"}
    }
    response = client.patch(
        "/api/v1/shop",
        json={
            "name": "东京好物",
            "description": "日本直邮",
            "shipping": {"direct_mail": {"free_over": "299.00", "regime": "postal"}},
        },
    )
    body = response.get_json()
    assert (body["name"], body["description"], body["returns"]) == (
        "东京好物",
        "日本直邮",
        {"no_reason": False},
    )
    assert body["shipping"]["direct_mail"] == {
        "base": "30.00",
        "per_kg": "12.50",
        "free_over": "299.00",
        "regime": "postal",
    }
    client.patch("/api/v1/shop", json={"shipping": {"direct_mail": {"free_over": None}}})
    assert shop_row(buyer.shop.id).direct_mail_free_over is None
    events = events_for("shop", buyer.shop.id)
    assert [event.action for event in events] == ["shop.settings_updated"] * 3
    assert events[0].before["returns"] == {"no_reason": True} and events[0].after["returns"] == {
        "no_reason": False
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"shipping": {"direct_mail": {"base": 12.5}}}, "shipping.direct_mail.base"),
        ({"shipping": {"direct_mail": {"per_kg": "-1"}}}, "shipping.direct_mail.per_kg"),
        ({"shipping": {"direct_mail": {"base": "1.234"}}}, "shipping.direct_mail.base"),
        ({"shipping": {"direct_mail": {"free_over": "abc"}}}, "shipping.direct_mail.free_over"),
        ({"shipping": {"direct_mail": {"base": "100000"}}}, "shipping.direct_mail.base"),
        ({"shipping": {"direct_mail": {"regime": "courier"}}}, "shipping.direct_mail.regime"),
        ({"returns": {"no_reason": "yes"}}, "returns.no_reason"),
        ({"name": ""}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"description": "x" * 2001}, "description"),
        ({"level": 5}, "level"),
        ({"shipping": {"direct_mail": {"base": "1"}, "warehouse": {}}}, "shipping.warehouse"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(api, buyer, ctx, body, field):
    client = api(buyer)
    before = client.get("/api/v1/shop").get_json()
    response = client.patch("/api/v1/shop", json={"name": "Renamed", **body}, headers=EN)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed" and list(error["fields"]) == [field]
    assert client.get("/api/v1/shop").get_json() == before
    assert events_for("shop", buyer.shop.id) == []


def test_a_body_that_is_not_json_is_400(api, buyer):
    response = api(buyer).patch("/api/v1/shop", data="name=x", content_type="text/plain")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"


def test_only_buyers_with_a_shop_reach_the_shop(api, make):
    assert api(make.user()).get("/api/v1/shop").status_code == 403
    assert api().patch("/api/v1/shop", json={"name": "x"}).status_code == 401


def test_avatar_upload_stores_a_public_square_jpeg(api, buyer, ctx):
    response = api(buyer).post("/api/v1/shop/avatar", data={"file": (io.BytesIO(png_bytes()), "me.png")})
    assert response.status_code == 200
    shop = shop_row(buyer.shop.id)
    assert shop.avatar_key.startswith(f"public/shops/{shop.id}/avatar-") and shop.avatar_key.endswith(".jpg")
    stored = Image.open(io.BytesIO(get_storage().open(shop.avatar_key)))
    assert (stored.format, stored.size) == ("JPEG", (400, 400))
    assert response.get_json()["avatar_url"] == f"/media/{shop.avatar_key}"
    assert [event.action for event in events_for("shop", shop.id)] == ["shop.avatar_changed"]


@pytest.mark.parametrize(
    "upload",
    [
        {"file": (io.BytesIO(b"GIF89a not really"), "me.png")},
        {"file": (io.BytesIO(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "me.jpg")},
        {"file": (io.BytesIO(b""), "empty.png")},
        {},
    ],
)
def test_an_avatar_that_is_not_a_picture_is_refused(api, buyer, ctx, upload):
    response = api(buyer).post("/api/v1/shop/avatar", data=upload, headers=EN)
    assert response.status_code == 422
    assert list(response.get_json()["error"]["fields"]) == ["file"]
    assert shop_row(buyer.shop.id).avatar_key is None
