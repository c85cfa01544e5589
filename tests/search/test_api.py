"""GET /api/v1/catalog/search: the API.md shape, and bad input answers 200 or 422, never 500."""
import pytest

from marketplace.extensions import db
from marketplace.search.models import SearchDocument

URL = "/api/v1/catalog/search"


def test_shape_of_a_result(client, catalogue):
    response = client.get(URL, query_string={"q": "la mer"}, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"items", "page", "per_page", "total", "facets"}
    assert (body["page"], body["per_page"], body["total"]) == (1, 20, 1)
    assert body["items"] == [{
        "id": catalogue.cream.id, "title": "Moisturising cream", "cover_url": "/media/public/cover-600.jpg",
        "price": {"amount": "720.00", "currency": "CNY"},
        "source_price": {"amount": "100.00", "currency": "USD"},
        "shop": {"slug": catalogue.cream.shop.slug, "name": "Acme NY"}, "origin_country": "US",
        "routes": ["direct_mail"], "in_stock": True,
    }]
    assert body["facets"] == {"category": {"s-beauty": 1, "s-skincare": 1}, "country": {"US": 1},
                              "route": {"direct_mail": 1}}


def test_chinese_is_the_default_language(client, catalogue):
    body = client.get(URL, query_string={"q": "面霜", "sort": "price_asc"}).get_json()
    assert [item["title"] for item in body["items"]] == ["精华面霜", "海蓝之谜保湿面霜"]


def test_filters_sort_and_pages_from_the_query_string(client, catalogue):
    body = client.get(URL, query_string={"category": "s-beauty", "min_price": "100", "max_price": "800",
                                         "country": "us", "route": "direct_mail", "in_stock": "true",
                                         "sort": "price_desc", "page": "1", "per_page": "1"}).get_json()
    assert [item["id"] for item in body["items"]] == [catalogue.cream.id]
    assert (body["total"], body["per_page"]) == (1, 1)


@pytest.mark.parametrize("q", [
    "", " ", "面" * 5000, "x" * 5000, '"', "'", '"la mer', "' OR 1=1 --", "'; DROP TABLE listings; --",
    "💄🧴✨", "面霜\x00", "\x00", "la*", "mer:*", "-la", "NEAR(la mer)", "la NEAR mer", "^la", "la OR mer",
    "la AND NOT mer", "(la", "la)", "{la}", "la & mer | !x", "a<->b", "\\", "%", "_", "\u202e\u200b",
    "\ud7ff",
])
def test_any_text_answers(client, catalogue, q):
    before = db.session.query(SearchDocument).count()
    response = client.get(URL, query_string={"q": q})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert isinstance(response.get_json()["total"], int)
    assert db.session.query(SearchDocument).count() == before


@pytest.mark.parametrize("params", [
    {"category": "no-such"}, {"category": "\x00"}, {"category": "' OR 1=1 --"}, {"category": "%"},
    {"country": "ZZ"}, {"category": "s-beauty", "country": "ZZ"},
])
def test_unknown_category_or_country_finds_nothing(client, catalogue, params):
    response = client.get(URL, query_string=params)
    assert response.status_code == 200
    assert (response.get_json()["total"], response.get_json()["items"]) == (0, [])


@pytest.mark.parametrize(("params", "field"), [
    ({"min_price": "abc"}, "min_price"), ({"max_price": "-1"}, "max_price"),
    ({"min_price": "NaN"}, "min_price"),
    ({"min_price": "1e400"}, "min_price"), ({"max_price": "1.234"}, "max_price"),
    ({"min_price": "50", "max_price": "10"}, "min_price"),
    ({"sort": "x"}, "sort"), ({"sort": ""}, "sort"), ({"route": "air"}, "route"),
    ({"country": "USA"}, "country"),
    ({"country": "\x00\x00"}, "country"), ({"in_stock": "maybe"}, "in_stock"),
    ({"per_page": "1000"}, "per_page"), ({"per_page": "0"}, "per_page"), ({"page": "0"}, "page"),
    ({"page": "-1"}, "page"), ({"page": "x"}, "page"), ({"category": "c" * 65}, "category"),
    ({"colour": "red"}, "colour"),
])
def test_bad_parameters_are_422_with_the_field(client, catalogue, params, field):
    response = client.get(URL, query_string=params)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert list(error["fields"]) == [field]


def test_bad_parameter_message_is_translated(client, catalogue):
    response = client.get(URL, query_string={"sort": "x"}, headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 422
    assert response.get_json()["error"]["message"] != "Some values are not valid."


def test_the_endpoint_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/api/v1/catalog/search"]["get"]
    assert set(operation["responses"]) == {"200", "400", "422"}
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert names == {"q", "category", "min_price", "max_price", "country", "route", "in_stock", "sort",
                     "page", "per_page"}
