"""The public catalogue's reference data: categories, tax table and warehouses, in the request's
language, for anyone."""

from decimal import Decimal

import pytest

from marketplace.catalog import services as catalog
from marketplace.core.clock import utcnow
from marketplace.customs import services as customs
from marketplace.extensions import db
from marketplace.warehouses import services as warehousing

ENGLISH = {"Accept-Language": "en"}
CHINESE = {"Accept-Language": "zh-CN"}


def names(zh, en):
    return {"zh_CN": zh, "en": en}


@pytest.fixture
def reference(app, make):
    admin = make.admin()
    now = utcnow()
    with app.app_context():
        admin = db.session.merge(admin)
        for slug, zh, en, parent in [
            ("beauty", "美妆", "Beauty", None),
            ("bags", "箱包", "Bags", None),
            ("skincare", "护肤", "Skincare", "beauty"),
            ("creams", "面霜", "Creams", "skincare"),
            ("make-up", "彩妆", "Make-up", "beauty"),
        ]:
            catalog.create_category(admin, slug=slug, names=names(zh, en), parent=parent, now=now)
        rates = {
            "vat_rate": Decimal("0.13"),
            "consumption_tax_rate": Decimal("0.15"),
            "tariff_rate": Decimal("0.05"),
            "postal_rate": Decimal("0.5"),
        }
        customs.create_tax_category(
            admin, code="cosmetics", values={"name": names("化妆品", "Cosmetics"), **rates}, now=now
        )
        customs.create_tax_category(
            admin,
            code="food",
            now=now,
            values={
                "name": names("食品", "Food"),
                "vat_rate": Decimal("0.09"),
                "consumption_tax_rate": 0,
                "tariff_rate": 0,
                "postal_rate": Decimal("0.13"),
            },
        )
        warehousing.create_warehouse(
            admin,
            code="HZ-01",
            name="杭州下沙保税仓",
            city="杭州",
            shipping={"base": Decimal(8), "per_kg": Decimal(4)},
            now=now,
        )
        db.session.commit()


def test_category_tree_in_english(client, reference):
    response = client.get("/api/v1/catalog/categories", headers=ENGLISH)
    assert response.status_code == 200
    assert response.get_json() == {
        "page": 1,
        "per_page": 20,
        "total": 2,
        "items": [
            {
                "slug": "beauty",
                "name": "Beauty",
                "children": [
                    {
                        "slug": "skincare",
                        "name": "Skincare",
                        "children": [{"slug": "creams", "name": "Creams", "children": []}],
                    },
                    {"slug": "make-up", "name": "Make-up", "children": []},
                ],
            },
            {"slug": "bags", "name": "Bags", "children": []},
        ],
    }


def test_category_tree_in_chinese_by_default(client, reference):
    for headers in (CHINESE, {}):
        items = client.get("/api/v1/catalog/categories", headers=headers).get_json()["items"]
        assert [item["name"] for item in items] == ["美妆", "箱包"]
        assert items[0]["children"][0]["children"][0]["name"] == "面霜"


def test_categories_are_paged_by_top_level(client, reference):
    body = client.get("/api/v1/catalog/categories?page=2&per_page=1", headers=ENGLISH).get_json()
    assert (body["page"], body["per_page"], body["total"]) == (2, 1, 2)
    assert [item["slug"] for item in body["items"]] == ["bags"]


def test_tax_table_with_rates_as_decimal_strings(client, reference):
    response = client.get("/api/v1/catalog/tax-categories", headers=ENGLISH)
    assert response.status_code == 200
    assert response.get_json()["items"] == [
        {
            "code": "cosmetics",
            "name": "Cosmetics",
            "vat_rate": "0.13",
            "consumption_tax_rate": "0.15",
            "tariff_rate": "0.05",
            "postal_rate": "0.5",
            "on_positive_list": True,
        },
        {
            "code": "food",
            "name": "Food",
            "vat_rate": "0.09",
            "consumption_tax_rate": "0",
            "tariff_rate": "0",
            "postal_rate": "0.13",
            "on_positive_list": True,
        },
    ]
    chinese = client.get("/api/v1/catalog/tax-categories", headers=CHINESE).get_json()["items"]
    assert [item["name"] for item in chinese] == ["化妆品", "食品"]


def test_warehouses(client, reference):
    response = client.get("/api/v1/catalog/warehouses", headers=ENGLISH)
    assert response.status_code == 200
    assert response.get_json() == {
        "page": 1,
        "per_page": 20,
        "total": 1,
        "items": [{"code": "HZ-01", "name": "杭州下沙保税仓", "city": "杭州"}],
    }


@pytest.mark.parametrize(
    "path", ["/api/v1/catalog/categories", "/api/v1/catalog/tax-categories", "/api/v1/catalog/warehouses"]
)
def test_empty_lists(client, path):
    assert client.get(path).get_json() == {"items": [], "page": 1, "per_page": 20, "total": 0}


@pytest.mark.parametrize(
    "query, field",
    [("per_page=101", "per_page"), ("page=0", "page"), ("page=x", "page"), ("colour=red", "colour")],
)
def test_bad_paging_is_refused(client, query, field):
    response = client.get(f"/api/v1/catalog/warehouses?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_the_openapi_document_describes_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in (
        "/api/v1/catalog/categories",
        "/api/v1/catalog/tax-categories",
        "/api/v1/catalog/warehouses",
        "/api/v1/admin/categories",
        "/api/v1/admin/tax-categories/{code}",
        "/api/v1/admin/fx-rates/{currency}",
        "/api/v1/admin/warehouses",
        "/api/v1/admin/users/{user_id}/roles",
    ):
        assert path in paths
