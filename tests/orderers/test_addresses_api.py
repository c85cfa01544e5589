"""/api/v1/addresses: mainland addresses with checked phone and postcode, exactly one default per
shopper, partial updates, and other shoppers' ids answering 404."""
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.orderers import services
from marketplace.orderers.models import Address
from tests.orderers.conftest import EN, ZH, count

URL = "/api/v1/addresses"
HOME = {"recipient": "张三", "phone": "13812345678", "province": "上海市", "city": "上海市",
        "district": "浦东新区", "line1": "世纪大道 100 号 8 楼", "postcode": "200120"}


def add(client, **changes):
    response = client.post(URL, json={**HOME, **changes}, headers=EN)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def defaults(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(Address.id).where(Address.is_default.is_(True))))


def stored(app, address_id) -> Address:
    with app.app_context():
        return db.session.get(Address, address_id)


def test_adding_answers_with_the_address(shopper_api):
    body = add(shopper_api, phone="+86 138-1234-5678", recipient=" 张三 ")
    assert {key: body[key] for key in HOME} == HOME
    assert body["is_default"] is True
    assert set(body) == {*HOME, "id", "is_default", "created_at", "updated_at"}
    assert shopper_api.get(f"{URL}/{body['id']}").get_json() == body


def test_the_first_address_is_the_default_and_a_new_default_replaces_the_old(app, shopper_api):
    first = add(shopper_api, is_default=False)
    second = add(shopper_api)
    assert (first["is_default"], second["is_default"]) == (True, False)
    third = add(shopper_api, is_default=True)
    assert defaults(app) == [third["id"]]
    listed = shopper_api.get(URL).get_json()
    assert [item["id"] for item in listed["items"]] == [third["id"], second["id"], first["id"]]


def test_patch_changes_the_given_fields_and_can_move_the_default(app, shopper_api):
    first, second = add(shopper_api), add(shopper_api)
    response = shopper_api.patch(f"{URL}/{second['id']}",
                                 json={"line1": "陆家嘴环路 1 号", "is_default": True})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["line1"], body["is_default"], body["phone"]) == ("陆家嘴环路 1 号", True, HOME["phone"])
    assert defaults(app) == [second["id"]]
    assert stored(app, first["id"]).is_default is False
    assert shopper_api.patch(f"{URL}/{first['id']}", json={}).get_json()["line1"] == HOME["line1"]


def test_the_default_cannot_be_unset_directly(app, shopper_api):
    only = add(shopper_api)
    for headers, message in ((EN, "To change the default address, make another address the default."),
                             (ZH, "如需更换默认地址，请将另一个地址设为默认。")):
        response = shopper_api.patch(f"{URL}/{only['id']}", json={"is_default": False, "city": "北京市"},
                                     headers=headers)
        assert response.status_code == 422
        assert response.get_json()["error"]["fields"] == {"is_default": [message]}
    assert (stored(app, only["id"]).city, defaults(app)) == ("上海市", [only["id"]])


def test_deleting_the_default_hands_it_to_the_newest_remaining(app, shopper_api):
    first, second, third = add(shopper_api), add(shopper_api), add(shopper_api)
    assert shopper_api.delete(f"{URL}/{second['id']}").status_code == 204
    assert defaults(app) == [first["id"]]
    assert shopper_api.delete(f"{URL}/{first['id']}").status_code == 204
    assert defaults(app) == [third["id"]]
    assert shopper_api.delete(f"{URL}/{third['id']}").status_code == 204
    assert (count(app, Address), defaults(app)) == (0, [])


@pytest.mark.parametrize("phone", ["13812345678", "19900000000", "+8613812345678", "138 1234 5678",
                                   "１３８１２３４５６７８"])
def test_mainland_mobile_numbers_are_taken_as_eleven_digits(app, shopper_api, phone):
    assert add(shopper_api, phone=phone)["phone"] in ("13812345678", "19900000000")


PHONE = ("Give a mainland mobile number: 11 digits starting with 1.",
         "请填写中国大陆手机号码：以 1 开头的 11 位数字。")
POSTCODE = ("A postcode has 6 digits.", "邮政编码为 6 位数字。")
REQUIRED = ("This field is required.", "此项为必填项。")
TOO_LONG = ("At most 30 characters.", "最多 30 个字符。")
BAD_VALUES = [
    ("phone", "12812345678", PHONE), ("phone", "1381234567", PHONE), ("phone", "138123456789", PHONE),
    ("phone", "23812345678", PHONE), ("phone", "1381234567a", PHONE), ("phone", "021-12345678", PHONE),
    ("postcode", "20012", POSTCODE), ("postcode", "2001200", POSTCODE), ("postcode", "20012a", POSTCODE),
    ("recipient", "  ", REQUIRED), ("recipient", "张" * 31, TOO_LONG), ("province", "", REQUIRED),
    ("city", "", REQUIRED), ("district", " ", REQUIRED), ("line1", "", REQUIRED), ("postcode", "", REQUIRED),
]


@pytest.mark.parametrize(("field", "value", "messages"), BAD_VALUES)
def test_a_bad_value_is_422_in_both_languages_and_stores_nothing(app, shopper_api, field, value, messages):
    for headers, message in zip((EN, ZH), messages, strict=True):
        response = shopper_api.post(URL, json={**HOME, field: value}, headers=headers)
        assert response.status_code == 422
        error = response.get_json()["error"]
        assert (error["code"], error["fields"]) == ("validation_failed", {field: [message]})
    assert count(app, Address) == 0


@pytest.mark.parametrize(("field", "value", "messages"), BAD_VALUES)
def test_a_bad_change_is_422_and_changes_nothing(app, shopper_api, field, value, messages):
    address = add(shopper_api)
    response = shopper_api.patch(f"{URL}/{address['id']}", json={field: value}, headers=EN)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {field: [messages[0]]}
    assert getattr(stored(app, address["id"]), field) == HOME[field]


def test_every_bad_field_is_named_at_once(app, shopper_api):
    response = shopper_api.post(URL, json={**HOME, "phone": "123", "postcode": "1", "city": ""}, headers=EN)
    assert set(response.get_json()["error"]["fields"]) == {"phone", "postcode", "city"}
    assert count(app, Address) == 0


@pytest.mark.parametrize("body", [
    {key: value for key, value in HOME.items() if key != "phone"},
    {**HOME, "phone": 13812345678},
    {**HOME, "is_default": "yes"},
    {**HOME, "is_default": 1},
    {**HOME, "owner_id": 1},
])
def test_missing_mistyped_or_unknown_fields_are_422(app, shopper_api, body):
    response = shopper_api.post(URL, json=body, headers=EN)
    assert (response.status_code, response.get_json()["error"]["code"]) == (422, "validation_failed")
    assert count(app, Address) == 0


def test_another_shoppers_address_is_404_for_read_update_and_delete(app, shopper_api, other_api):
    address = add(shopper_api)
    path = f"{URL}/{address['id']}"
    assert other_api.get(path).status_code == 404
    assert other_api.patch(path, json={"city": "北京市"}).status_code == 404
    assert other_api.patch(path, json={"phone": "bad"}).status_code == 404  # 404 before the body is read
    assert other_api.patch(path, json={"is_default": True}).status_code == 404
    assert other_api.delete(path).status_code == 404
    assert other_api.get(URL).get_json() == {"items": [], "page": 1, "per_page": 20, "total": 0}
    kept = stored(app, address["id"])
    assert (kept.city, kept.is_default) == ("上海市", True)


def test_a_new_default_for_one_shopper_leaves_anothers_alone(app, shopper_api, other_api):
    mine, theirs = add(shopper_api), add(other_api)
    newer = add(shopper_api, is_default=True)
    assert sorted(defaults(app)) == sorted([newer["id"], theirs["id"]])
    assert mine["id"] not in defaults(app)


def test_lists_are_paginated(shopper_api):
    for _ in range(3):
        add(shopper_api)
    page = shopper_api.get(f"{URL}?page=1&per_page=2").get_json()
    assert (len(page["items"]), page["page"], page["per_page"], page["total"]) == (2, 1, 2, 3)
    assert shopper_api.get(f"{URL}?page=0").status_code == 422


def test_the_database_holds_one_default_per_shopper(ctx, shopper):
    now = utcnow()
    db.session.add(Address(owner_id=shopper.id, is_default=True, created_at=now, updated_at=now,
                           **HOME))
    db.session.flush()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(Address(owner_id=shopper.id, is_default=True, created_at=now, updated_at=now,
                               **HOME))


def test_a_racing_second_default_is_kept_as_an_ordinary_address(ctx, shopper):
    """What the loser of two concurrent first addresses meets: the index refuses a second default."""
    now = utcnow()
    first = services.add_address(shopper, HOME, now=now)
    racer = Address(owner_id=shopper.id, is_default=True, created_at=now, updated_at=now, **HOME)
    services._insert(racer)
    db.session.commit()
    assert (first.is_default, racer.is_default, racer.id is not None) == (True, False, True)
