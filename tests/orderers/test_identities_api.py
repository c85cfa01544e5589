"""POST/GET/DELETE /api/v1/identities: the number goes in once and only its masked form comes
back; bad input is 422 in the caller's language with nothing stored; other shoppers' ids are 404."""
import logging

import pytest

from marketplace.extensions import db
from marketplace.orderers import services
from marketplace.orderers.models import Identity
from tests.orderers.conftest import EN, LEAP_DAY, LI_SI, ZH, ZHANG_SAN, count, every_stored_value

URL = "/api/v1/identities"


def add(client, number=ZHANG_SAN, name="张三", **extra):
    return client.post(URL, json={"real_name": name, "id_number": number, **extra}, headers=EN)


def test_adding_answers_with_the_masked_number_only(shopper_api):
    response = add(shopper_api, "11010519491231002x", name=" 张三 ")
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"id", "real_name", "id_number_masked", "consented_at", "created_at"}
    assert (body["real_name"], body["id_number_masked"]) == ("张三", "110***********002X")
    assert ZHANG_SAN not in response.get_data(as_text=True)
    listed = shopper_api.get(URL)
    assert listed.get_json() == {"items": [body], "page": 1, "per_page": 20, "total": 1}
    assert ZHANG_SAN not in listed.get_data(as_text=True)
    assert shopper_api.get(f"{URL}/{body['id']}").get_json() == body


def test_the_post_is_the_consent_and_is_recorded_as_given_through_the_api(app, shopper_api):
    identity_id = add(shopper_api).get_json()["id"]
    with app.app_context():
        identity = db.session.get(Identity, identity_id)
        assert identity.consent_channel == "api"
        assert identity.consented_at == identity.created_at


@pytest.mark.parametrize("consent", [False, "yes", 1])
def test_a_refused_or_malformed_consent_is_422(app, shopper_api, consent):
    response = add(shopper_api, consent=consent)
    assert response.status_code == 422
    assert list(response.get_json()["error"]["fields"]) == ["consent"]
    assert count(app, Identity) == 0


ID_NUMBER_PROBLEMS = [
    ("110105194912310021", "This ID number's check digit does not match. Please check the number.",
     "身份证号码校验位不正确，请核对号码。"),
    ("110105199013010018", "The birth date in this ID number is not a real date.",
     "身份证号码中的出生日期不是有效日期。"),
    ("110101209901010017", "The birth date in this ID number is in the future.",
     "身份证号码中的出生日期晚于今天。"),
    ("990101199001010019", "The region code at the start of this ID number does not exist.",
     "身份证号码开头的地区代码不存在。"),
    ("11010519491231002", "A resident ID number has 18 characters.", "居民身份证号码为 18 位。"),
    ("11010519491231A02X", "Use digits only; the last character may be X.",
     "只能填写数字，最后一位可以是 X。"),
    ("  ", "This field is required.", "此项为必填项。"),
]


@pytest.mark.parametrize(("number", "english", "chinese"), ID_NUMBER_PROBLEMS)
def test_a_bad_number_is_422_in_both_languages_and_stores_nothing(app, shopper_api, number, english, chinese):
    for headers, message in ((EN, english), (ZH, chinese)):
        response = shopper_api.post(URL, json={"real_name": "张三", "id_number": number}, headers=headers)
        assert response.status_code == 422
        error = response.get_json()["error"]
        assert (error["code"], error["fields"]) == ("validation_failed", {"id_number": [message]})
    assert count(app, Identity) == 0


LENGTH = ("Must be between 2 and 30 characters.", "长度须为 2 到 30 个字符。")
CHINESE = ("Give the name in Chinese characters, as on the ID card.", "请填写与身份证一致的中文姓名。")
NAME_PROBLEMS = [
    ("张", *LENGTH), ("张" * 31, *LENGTH), ("Zhang San", *CHINESE), ("张 三", *CHINESE), ("·张三", *CHINESE),
    ("张三·", *CHINESE), ("张三3", *CHINESE), ("", "This field is required.", "此项为必填项。"),
]


@pytest.mark.parametrize(("name", "english", "chinese"), NAME_PROBLEMS)
def test_a_bad_name_is_422_in_both_languages_and_stores_nothing(app, shopper_api, name, english, chinese):
    for headers, message in ((EN, english), (ZH, chinese)):
        response = shopper_api.post(URL, json={"real_name": name, "id_number": ZHANG_SAN}, headers=headers)
        assert response.status_code == 422
        assert response.get_json()["error"]["fields"] == {"real_name": [message]}
    assert count(app, Identity) == 0


def test_names_with_a_middle_dot_are_taken(shopper_api):
    response = add(shopper_api, name="阿依古丽•买买提")
    assert response.get_json()["real_name"] == "阿依古丽·买买提"


def test_every_bad_field_is_named_at_once(app, shopper_api):
    response = add(shopper_api, number="110105194912310021", name="Zhang")
    assert set(response.get_json()["error"]["fields"]) == {"real_name", "id_number"}
    assert count(app, Identity) == 0


@pytest.mark.parametrize("body", [
    {"real_name": "张三"},
    {"id_number": ZHANG_SAN},
    {"real_name": "张三", "id_number": 11010519491231002},
    {"real_name": "张三", "id_number": ZHANG_SAN, "id_number_masked": "x"},
])
def test_missing_unknown_or_mistyped_fields_are_422(app, shopper_api, body):
    response = shopper_api.post(URL, json=body, headers=EN)
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "validation_failed"
    assert count(app, Identity) == 0


def test_the_same_number_twice_is_409_identity_exists(app, shopper_api, other_api):
    add(shopper_api)
    response = add(shopper_api, "11010519491231002x")
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "identity_exists"
    assert add(other_api).status_code == 201  # another account may hold the same person
    assert count(app, Identity) == 2


def test_delete_removes_the_identity(app, shopper_api):
    identity_id = add(shopper_api).get_json()["id"]
    assert shopper_api.delete(f"{URL}/{identity_id}").status_code == 204
    assert shopper_api.get(f"{URL}/{identity_id}").status_code == 404
    assert count(app, Identity) == 0
    assert add(shopper_api).status_code == 201  # and the number may be added again


def test_an_identity_an_open_order_uses_cannot_be_deleted(app, monkeypatch, shopper_api):
    identity_id = add(shopper_api).get_json()["id"]
    monkeypatch.setattr(services, "_in_use_checks", [lambda identity: True])
    response = shopper_api.delete(f"{URL}/{identity_id}", headers=EN)
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "identity_in_use"
    assert count(app, Identity) == 1


def test_another_shoppers_identity_is_404_for_read_and_delete(app, shopper_api, other_api):
    identity_id = add(shopper_api).get_json()["id"]
    assert other_api.get(f"{URL}/{identity_id}").status_code == 404
    response = other_api.delete(f"{URL}/{identity_id}")
    assert (response.status_code, response.get_json()["error"]["code"]) == (404, "not_found")
    assert other_api.get(URL).get_json()["items"] == []
    assert count(app, Identity) == 1


def test_lists_are_paginated_newest_first(shopper_api):
    ids = [add(shopper_api, number).get_json()["id"] for number in (ZHANG_SAN, LI_SI, LEAP_DAY)]
    page = shopper_api.get(f"{URL}?page=2&per_page=2").get_json()
    assert ([item["id"] for item in page["items"]], page["total"]) == ([ids[0]], 3)
    assert shopper_api.get(f"{URL}?per_page=101").status_code == 422


def test_anonymous_callers_are_401(make):
    anonymous = make.api_client()
    assert anonymous.post(URL, json={"real_name": "张三", "id_number": ZHANG_SAN}).status_code == 401
    assert anonymous.get(URL).status_code == 401


def test_the_clear_number_reaches_no_log_response_or_table(app, caplog, shopper_api):
    caplog.set_level(logging.DEBUG)
    responses = [add(shopper_api), add(shopper_api), add(shopper_api, name="Zhang San"),
                 shopper_api.post(URL, data=f'{{"id_number": "{ZHANG_SAN}"', content_type="application/json")]
    identity_id = responses[0].get_json()["id"]
    responses += [shopper_api.get(URL), shopper_api.delete(f"{URL}/{identity_id}")]
    assert [response.status_code for response in responses] == [201, 409, 422, 400, 200, 204]
    for response in responses:
        assert ZHANG_SAN not in response.get_data(as_text=True)
    assert ZHANG_SAN not in caplog.text
    assert ZHANG_SAN not in every_stored_value(app)
