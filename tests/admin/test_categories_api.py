"""POST /api/v1/admin/categories: the tree, its limits, and bad input that writes nothing."""

import pytest

from marketplace.catalog.models import Category

URL = "/api/v1/admin/categories"


def body(slug="beauty", zh="美妆", en="Beauty", parent=None, **extra):
    return {"slug": slug, "name": {"zh_CN": zh, "en": en}, "parent": parent, **extra}


def test_creates_a_top_level_category(admin_api, audit_events):
    response = admin_api.post(URL, json=body())
    assert response.status_code == 201
    assert response.get_json() == {
        "slug": "beauty",
        "name": {"zh_CN": "美妆", "en": "Beauty"},
        "parent": None,
    }
    assert audit_events("category") == [
        (
            "category.created",
            "beauty",
            None,
            {"slug": "beauty", "name": {"zh_CN": "美妆", "en": "Beauty"}, "parent": None},
        )
    ]


def test_parent_may_be_left_out(admin_api):
    response = admin_api.post(URL, json={"slug": "bags", "name": {"zh_CN": "箱包", "en": "Bags"}})
    assert response.status_code == 201
    assert response.get_json()["parent"] is None


def test_names_are_trimmed(admin_api):
    response = admin_api.post(URL, json=body(zh="  美妆 ", en=" Beauty  "))
    assert response.get_json()["name"] == {"zh_CN": "美妆", "en": "Beauty"}


def test_builds_three_levels_and_refuses_a_fourth(admin_api, count):
    assert admin_api.post(URL, json=body("beauty")).status_code == 201
    child = admin_api.post(URL, json=body("skincare", "护肤", "Skincare", parent="beauty"))
    assert child.status_code == 201
    assert child.get_json()["parent"] == "beauty"
    assert admin_api.post(URL, json=body("creams", "面霜", "Creams", parent="skincare")).status_code == 201
    response = admin_api.post(URL, json=body("night-creams", "晚霜", "Night creams", parent="creams"))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "category_too_deep"
    assert list(error["fields"]) == ["parent"]
    assert count(Category) == 3


def test_duplicate_slug_is_a_conflict(admin_api, count, audit_events):
    admin_api.post(URL, json=body())
    response = admin_api.post(URL, json=body(zh="另一个", en="Another"))
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "category_exists"
    assert list(error["fields"]) == ["slug"]
    assert count(Category) == 1
    assert len(audit_events("category")) == 1


def test_unknown_parent_is_refused(admin_api, count):
    response = admin_api.post(URL, json=body(parent="no-such-category"))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "unknown_parent"
    assert list(error["fields"]) == ["parent"]
    assert count(Category) == 0


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"slug": "Beauty"}, "slug"),
        ({"slug": "beauty care"}, "slug"),
        ({"slug": "-beauty"}, "slug"),
        ({"slug": "美妆"}, "slug"),
        ({"slug": ""}, "slug"),
        ({"slug": "a" * 65}, "slug"),
        ({"slug": 12}, "slug"),
        ({"name": {"zh_CN": "美妆"}}, "name.en"),
        ({"name": {"zh_CN": "", "en": "Beauty"}}, "name.zh_CN"),
        ({"name": {"zh_CN": "   ", "en": "Beauty"}}, "name.zh_CN"),
        ({"name": {"zh_CN": "美" * 100_000, "en": "Beauty"}}, "name.zh_CN"),
        ({"name": {"zh_CN": "美妆", "en": "Beauty", "fr": "Beauté"}}, "name.fr"),
        ({"name": "Beauty"}, "name._schema"),
        ({"parent": 5}, "parent"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(admin_api, count, audit_events, overrides, field):
    response = admin_api.post(URL, json={**body(), **overrides})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert field in error["fields"]
    assert count(Category) == 0
    assert audit_events("category") == []


def test_missing_fields_are_named(admin_api):
    response = admin_api.post(URL, json={})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"slug", "name"}


@pytest.mark.parametrize("data", ["{not json", "[]", ""])
def test_malformed_json_is_a_400(admin_api, count, data):
    response = admin_api.post(URL, data=data, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"
    assert count(Category) == 0


def test_errors_come_in_the_request_language(admin_api):
    bad = body(zh="   ")
    english = admin_api.post(URL, json=bad, headers={"Accept-Language": "en"}).get_json()["error"]
    chinese = admin_api.post(URL, json=bad, headers={"Accept-Language": "zh-CN"}).get_json()["error"]
    assert (english["message"], english["fields"]) == (
        "Some values are not valid.",
        {"name.zh_CN": ["This field is required."]},
    )
    assert (chinese["message"], chinese["fields"]) == (
        "部分内容填写有误。",
        {"name.zh_CN": ["此项为必填项。"]},
    )
