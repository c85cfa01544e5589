"""The pre-screening settings page: the same settings as the API, changed by admins only."""
from marketplace.moderation import settings

EN = {"Accept-Language": "en"}


def form_from(values: dict) -> dict:
    """What the browser posts for these settings (unchecked boxes are simply absent)."""
    from marketplace.ops.moderation_views import leaves

    data = {}
    for name, value in leaves(values):
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "\n".join(value) if isinstance(value, list) else str(value)
    return data


def test_the_page_shows_every_rule_and_saves_a_change(app, make):
    client = make.signed_in(make.admin())
    page = client.get("/ops/moderation", headers=EN)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Words that suggest a fake" in text and "高仿" in text and "Second reviewer (four eyes)" in text
    data = form_from(settings.defaults())
    data["rules.too_few_images.minimum"] = "4"
    data["rules.banned_words.words"] += "\nfake"
    del data["rules.brand_not_in_title.enabled"]
    response = client.post("/ops/moderation", data=data, headers=EN)
    assert response.status_code == 302
    with app.app_context():
        current = settings.current()
        assert current["rules"]["too_few_images"]["minimum"] == 4
        assert current["rules"]["banned_words"]["words"][-1] == "fake"
        assert current["rules"]["brand_not_in_title"]["enabled"] is False


def test_bad_values_are_refused_next_to_their_field_and_nothing_is_saved(app, make):
    client = make.signed_in(make.admin())
    data = form_from(settings.defaults())
    data["rules.too_few_images.minimum"] = "three"
    data["four_eyes.price_cny"] = "-5"
    response = client.post("/ops/moderation", data=data, headers=EN)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert 'id="rules.too_few_images.minimum-error"' in text and 'id="four_eyes.price_cny-error"' in text
    assert 'value="three"' in text
    with app.app_context():
        assert settings.current() == settings.defaults()


def test_only_admins_see_it(make):
    assert make.signed_in(make.reviewer()).get("/ops/moderation").status_code == 403
    assert make.signed_in(make.warehouse_operator()).get("/ops/moderation").status_code == 403


def test_the_page_speaks_chinese(make):
    page = make.signed_in(make.admin()).get("/ops/moderation").get_data(as_text=True)
    assert "Words that suggest a fake" not in page
