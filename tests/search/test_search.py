"""The search service on the small catalogue: text, each filter, each sort, facets, pages."""
from decimal import Decimal

import pytest

from marketplace.money.money import Money
from marketplace.search.services import SearchQuery, search
from tests.search.builders import NOW


def found(**criteria) -> list[int]:
    return [hit.id for hit in search(SearchQuery(**criteria), now=NOW).items]


def ids(catalogue, *names) -> list[int]:
    return [getattr(catalogue, name).id for name in names]


def test_chinese_word_inside_longer_titles(catalogue):
    assert sorted(found(text="面霜")) == sorted(ids(catalogue, "cream", "serum"))


@pytest.mark.parametrize("text", ["la mer", "LA MER", "La Mer", "海蓝之谜", "moisturising", "保湿 面霜"])
def test_brand_any_case_and_both_titles_find_the_listing(catalogue, text):
    assert found(text=text) == ids(catalogue, "cream")


def test_accents_do_not_matter(catalogue):
    assert found(text="lancome") == found(text="LANCÔME") == ids(catalogue, "serum")


def test_category_names_are_searchable_and_all_words_must_match(catalogue):
    assert sorted(found(text="skincare")) == sorted(ids(catalogue, "cream", "serum"))
    assert found(text="面霜 奶粉") == []


def test_no_text_lists_every_live_listing(catalogue):
    result = search(SearchQuery(), now=NOW)
    assert result.total == 4
    assert catalogue.draft.id not in [hit.id for hit in result.items]


@pytest.mark.parametrize(("criteria", "expected"), [
    ({"category": "s-beauty"}, ("cream", "serum", "sunscreen")),
    ({"category": "s-skincare"}, ("cream", "serum")),
    ({"category": "s-baby"}, ("formula",)),
    ({"category": "no-such-category"}, ()),
    ({"min_price": Decimal("100"), "max_price": Decimal("400")}, ("serum", "formula")),
    ({"min_price": Decimal("720")}, ("cream",)),
    ({"max_price": Decimal("96")}, ("sunscreen",)),
    ({"country": "JP"}, ("formula", "sunscreen")),
    ({"country": "jp"}, ("formula", "sunscreen")),
    ({"country": "ZZ"}, ()),
    ({"route": "bonded"}, ("serum", "formula")),
    ({"route": "direct_mail"}, ("cream", "serum", "sunscreen")),
    ({"in_stock": True}, ("cream", "formula", "sunscreen")),
    ({"text": "面霜", "in_stock": True}, ("cream",)),
    ({"country": "US", "route": "bonded", "category": "s-skincare"}, ("serum",)),
])
def test_filters(catalogue, criteria, expected):
    assert sorted(found(**criteria)) == sorted(ids(catalogue, *expected))


@pytest.mark.parametrize(("sort", "expected"), [
    ("price_asc", ("sunscreen", "formula", "serum", "cream")),
    ("price_desc", ("cream", "serum", "formula", "sunscreen")),
    ("newest", ("cream", "formula", "sunscreen", "serum")),
    ("best_selling", ("serum", "cream", "formula", "sunscreen")),
])
def test_sorts(catalogue, sort, expected):
    assert found(sort=sort) == ids(catalogue, *expected)


def test_relevance_without_text_is_best_sellers_first(catalogue):
    # serum: 500 sales, cream: 50, formula: 5. Without words there is nothing to rank by but sales,
    # in an order an index serves.
    assert found(sort="relevance") == found(sort="best_selling")
    assert found(sort="relevance")[:3] == ids(catalogue, "serum", "cream", "formula")


def test_relevance_boosts_the_better_seller_among_equal_matches(app, make, catalogue):
    from tests.search import builders

    shop_id = make.buyer().shop.id
    skincare, tax = catalogue.cream.category, catalogue.cream.tax_category
    quiet = builders.listing(shop_id, skincare, tax, title_zh="玫瑰晚霜", sales=0, age_days=60)
    popular = builders.listing(shop_id, skincare, tax, title_zh="玫瑰晚霜", sales=9000, age_days=60)
    builders.index(quiet, popular)
    assert found(text="晚霜") == [popular.id, quiet.id]


def test_facets_count_subtrees_and_ignore_their_own_filter(catalogue):
    everything = search(SearchQuery(), now=NOW)
    assert everything.facets == {"category": {"s-beauty": 3, "s-skincare": 2, "s-baby": 1},
                                 "country": {"JP": 2, "US": 2},
                                 "route": {"direct_mail": 3, "bonded": 2}}
    japan = search(SearchQuery(country="JP"), now=NOW)
    assert japan.total == 2
    assert japan.facets == {"category": {"s-baby": 1, "s-beauty": 1}, "country": {"JP": 2, "US": 2},
                            "route": {"bonded": 1, "direct_mail": 1}}


def test_facets_follow_the_text_and_other_filters(catalogue):
    result = search(SearchQuery(text="面霜", route="bonded"), now=NOW)
    assert [hit.id for hit in result.items] == [catalogue.serum.id]
    assert result.facets == {"category": {"s-beauty": 1, "s-skincare": 1}, "country": {"US": 1},
                             "route": {"direct_mail": 2, "bonded": 1}}


def test_pages(catalogue):
    first = search(SearchQuery(sort="price_asc", per_page=3), now=NOW)
    second = search(SearchQuery(sort="price_asc", per_page=3, page=2), now=NOW)
    beyond = search(SearchQuery(sort="price_asc", per_page=3, page=3), now=NOW)
    assert [hit.id for hit in first.items] == ids(catalogue, "sunscreen", "formula", "serum")
    assert [hit.id for hit in second.items] == ids(catalogue, "cream")
    assert (first.total, second.total, beyond.total, beyond.items) == (4, 4, 4, [])
    assert (second.page, second.per_page, second.pages) == (2, 3, 2)


def test_a_hit_carries_prices_in_cny_and_source_currency_and_the_locale_title(catalogue):
    [chinese] = search(SearchQuery(text="la mer"), now=NOW).items
    [english] = search(SearchQuery(text="la mer", locale="en"), now=NOW).items
    assert (chinese.title, english.title) == ("海蓝之谜保湿面霜", "Moisturising cream")
    assert chinese.price == Money(Decimal("720.00"), "CNY")  # the cheaper of two SKUs
    assert chinese.source_price == Money(Decimal("100.00"), "USD")
    assert (chinese.shop_name, chinese.origin_country, chinese.routes) == ("Acme NY", "US", ["direct_mail"])
    assert chinese.cover_key == "public/cover-600.jpg"
    [formula] = search(SearchQuery(text="奶粉"), now=NOW).items
    assert formula.price == Money(Decimal("144.00"), "CNY")
    assert formula.source_price == Money(Decimal(3000), "JPY")
