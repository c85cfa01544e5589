"""Every route declares who may call it, and buyer routes never reach another shop's rows."""
import re

import pytest
from flask import abort
from sqlalchemy import select

from marketplace import create_app
from marketplace.catalog.models import Listing
from marketplace.extensions import db
from marketplace.web import access
from marketplace.web.access import RULES, rule_of
from tests.catalog_builders import listing

# Routes that are not views of ours: Flask's static files.
UNCLASSIFIED_OK = {"static"}


def classified(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in UNCLASSIFIED_OK or rule.endpoint.endswith(".static"):
            continue
        yield rule, rule_of(app.view_functions[rule.endpoint])


def test_every_route_declares_an_access_rule(app):
    missing = [rule.rule for rule, declared in classified(app) if declared is None]
    assert missing == []
    names = {declared.name for _, declared in classified(app)}
    assert names <= {rule.name for rule in RULES}
    assert len(list(classified(app))) >= 10


# Applying to become a buyer happens before there is a shop.
NOT_YET_A_SHOP = ("/portal/apply",)


def test_every_route_under_the_portal_and_shop_api_is_shop_scoped(app):
    loose = [rule.rule for rule, declared in classified(app)
             if rule.rule.startswith(("/portal", "/api/v1/shop/")) or rule.rule == "/api/v1/shop"
             if not rule.rule.startswith(NOT_YET_A_SHOP) and not declared.shop_scoped]
    assert loose == []


def test_staff_areas_need_their_role(app):
    for rule, declared in classified(app):
        if rule.rule.startswith(("/review", "/api/v1/review")):
            assert declared.roles == ("reviewer",), rule.rule
        if rule.rule.startswith(("/api/v1/admin",)):
            assert declared.roles == ("admin",), rule.rule
        if rule.rule.startswith(("/api/v1/warehouse",)):
            assert declared.roles == ("warehouse",), rule.rule


@pytest.fixture(scope="module")
def app_with_probe():
    """The app plus one buyer route that looks a listing up with no shop filter at all: only the
    tenancy scope stands between it and another shop's rows."""
    from tests.conftest import app_config

    app = create_app(app_config())

    @app.route("/portal/probe/listings/<int:listing_id>", methods=["GET", "POST"])
    @access.buyer
    def probe(listing_id):
        found = db.session.scalar(select(Listing).where(Listing.id == listing_id))
        if found is None:
            abort(404)
        return {"id": found.id, "title": found.title_zh}

    with app.app_context():
        db.create_all()
    return app


def id_args(rule):
    return re.findall(r"<int:(\w+)>", rule.rule)


def test_buyer_routes_given_another_shops_ids_answer_404(app_with_probe, make):
    from tests.factories import Factories

    make = Factories(app_with_probe)
    owner, intruder = make.buyer(shop_name="Owner"), make.buyer(shop_name="Intruder")
    with app_with_probe.app_context():
        victim = listing(owner.shop.id)
        db.session.commit()
        victim_id = victim.id
    owner_client, intruder_client = make.signed_in(owner), make.signed_in(intruder)
    intruder_api = make.api_client(intruder)  # the API authenticates by bearer token, not cookie
    assert owner_client.get(f"/portal/probe/listings/{victim_id}").status_code == 200
    swept = 0
    for rule, declared in classified(app_with_probe):
        if not declared.shop_scoped or not id_args(rule):
            continue
        path = re.sub(r"<int:\w+>", str(victim_id), rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            client = intruder_api if path.startswith("/api/") else intruder_client
            response = client.open(path, method=method)
            assert response.status_code == 404, f"{method} {path} answered {response.status_code}"
            swept += 1
    assert swept >= 2
    with app_with_probe.app_context():
        assert db.session.get(Listing, victim_id).title_zh == "保湿面霜"
