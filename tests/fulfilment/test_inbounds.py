"""Inbound notices: announced by the shop through the API and the page, received by the warehouse
at service level; another shop's SKUs and notices stay out of reach."""

import pytest
from sqlalchemy import func, select

from marketplace.audit.services import events_for
from marketplace.core.clock import utcnow
from marketplace.core.errors import NotFound, ValidationFailed
from marketplace.core.states import InvalidTransition
from marketplace.extensions import db
from marketplace.fulfilment import inbounds
from marketplace.fulfilment.models import InboundLine, InboundNotice
from marketplace.inventory.models import StockLevel
from marketplace.warehouses.models import Warehouse
from tests.catalog_builders import listing

EN = {"Accept-Language": "en"}


@pytest.fixture
def world(app, make):
    """Two shops and a warehouse, made in their own app context: page tests must not share one."""
    owner, other = make.buyer(shop_name="Owner"), make.buyer(shop_name="Other")
    warehouse_id = make.warehouse("HZ-XIASHA").id
    with app.app_context():
        mine = listing(owner.shop.id, title="面霜", price="20.00")
        second = listing(owner.shop.id, title="眼霜", price="30.00")
        theirs = listing(other.shop.id, title="乳液")
        db.session.commit()
        return {
            "owner": owner,
            "other": other,
            "warehouse_id": warehouse_id,
            "sku": mine.skus[0].id,
            "sku_code": mine.skus[0].code,
            "second_sku": second.skus[0].id,
            "foreign_sku": theirs.skus[0].id,
            "foreign_code": theirs.skus[0].code,
        }


@pytest.fixture
def warehouse(world, ctx):
    return db.session.get(Warehouse, world["warehouse_id"])


def notice_count() -> int:
    return db.session.scalar(select(func.count()).select_from(InboundNotice))


def announce(api, world, lines, user="owner", **extra):
    return api(world[user]).post(
        "/api/v1/shop/inbounds", json={"warehouse": "HZ-XIASHA", "lines": lines, **extra}, headers=EN
    )


def test_announcing_an_inbound(api, world, ctx):
    response = announce(
        api, world, [{"sku_id": world["sku"], "quantity": 40}, {"sku_id": world["second_sku"], "quantity": 2}]
    )
    assert response.status_code == 201
    body = response.get_json()
    assert (body["status"], body["warehouse"], body["received_at"]) == ("announced", "HZ-XIASHA", None)
    assert [(line["sku_id"], line["quantity"], line["quantity_received"]) for line in body["lines"]] == [
        (world["sku"], 40, None),
        (world["second_sku"], 2, None),
    ]
    assert [event.action for event in events_for("inbound", body["id"])] == ["inbound.announced"]
    listed = api(world["owner"]).get("/api/v1/shop/inbounds").get_json()
    assert (listed["total"], [item["id"] for item in listed["items"]]) == (1, [body["id"]])
    assert api(world["other"]).get("/api/v1/shop/inbounds").get_json()["total"] == 0


@pytest.mark.parametrize(
    ("lines", "warehouse", "fields"),
    [
        ("foreign", "HZ-XIASHA", ["lines.0.sku_id"]),
        ([{"sku_id": 999999, "quantity": 1}], "HZ-XIASHA", ["lines.0.sku_id"]),
        ("duplicate", "HZ-XIASHA", ["lines.1.sku_id"]),
        ([{"sku_id": "mine", "quantity": 0}], "HZ-XIASHA", ["lines.0.quantity"]),
        ([{"sku_id": "mine", "quantity": 100001}], "HZ-XIASHA", ["lines.0.quantity"]),
        ([{"sku_id": "mine", "quantity": "5"}], "HZ-XIASHA", ["lines.0.quantity"]),
        ([{"sku_id": "mine", "quantity": 2.5}], "HZ-XIASHA", ["lines.0.quantity"]),
        ([], "HZ-XIASHA", ["lines"]),
        ([{"sku_id": "mine", "quantity": 1}], "NOWHERE", ["warehouse"]),
    ],
)
def test_bad_notices_are_refused_and_nothing_is_written(api, world, ctx, lines, warehouse, fields):
    mine = {"sku_id": world["sku"], "quantity": 3}
    if isinstance(lines, str):
        lines = {"foreign": [{"sku_id": world["foreign_sku"], "quantity": 3}], "duplicate": [mine, mine]}[
            lines
        ]
    lines = [{**line, "sku_id": world["sku"]} if line.get("sku_id") == "mine" else line for line in lines]
    response = api(world["owner"]).post(
        "/api/v1/shop/inbounds", json={"warehouse": warehouse, "lines": lines}, headers=EN
    )
    assert response.status_code == 422
    assert sorted(response.get_json()["error"]["fields"]) == fields
    assert notice_count() == 0


def test_another_shops_notice_is_404_and_stays_as_it_was(api, world, ctx):
    notice_id = announce(api, world, [{"sku_id": world["sku"], "quantity": 5}]).get_json()["id"]
    intruder = api(world["other"])
    assert intruder.get(f"/api/v1/shop/inbounds/{notice_id}").status_code == 404
    assert intruder.post(f"/api/v1/shop/inbounds/{notice_id}/cancel").status_code == 404
    assert db.session.get(InboundNotice, notice_id, populate_existing=True).status == "announced"


def test_the_shop_cancels_an_announced_notice_once(api, world, ctx):
    notice_id = announce(api, world, [{"sku_id": world["sku"], "quantity": 5}]).get_json()["id"]
    client = api(world["owner"])
    assert client.post(f"/api/v1/shop/inbounds/{notice_id}/cancel").get_json()["status"] == "cancelled"
    assert client.post(f"/api/v1/shop/inbounds/{notice_id}/cancel").status_code == 409
    assert client.get("/api/v1/shop/inbounds?status=cancelled").get_json()["total"] == 1


def stock(sku_id, location) -> int | None:
    return db.session.scalar(
        select(StockLevel.on_hand).where(StockLevel.sku_id == sku_id, StockLevel.location == location)
    )


def test_receiving_adds_bonded_stock_by_location(api, world, warehouse, make):
    notice_id = announce(
        api, world, [{"sku_id": world["sku"], "quantity": 40}, {"sku_id": world["second_sku"], "quantity": 2}]
    ).get_json()["id"]
    operator = db.session.merge(make.warehouse_operator(warehouse))
    notice = db.session.get(InboundNotice, notice_id)
    inbounds.receive_inbound(
        warehouse, notice, [{"sku_id": world["sku"], "quantity_received": 38}], actor=operator, now=utcnow()
    )
    db.session.commit()
    assert (stock(world["sku"], "HZ-XIASHA"), stock(world["second_sku"], "HZ-XIASHA")) == (38, None)
    assert stock(world["sku"], "buyer") == 5
    lines = db.session.scalars(select(InboundLine).order_by(InboundLine.id)).all()
    assert [line.quantity_received for line in lines] == [38, 0]
    assert (notice.status, notice.received_at is not None) == ("received", True)
    second = announce(api, world, [{"sku_id": world["sku"], "quantity": 10}]).get_json()["id"]
    inbounds.receive_inbound(
        warehouse,
        db.session.get(InboundNotice, second),
        [{"sku_id": world["sku"], "quantity_received": 10}],
        actor=operator,
        now=utcnow(),
    )
    assert stock(world["sku"], "HZ-XIASHA") == 48
    with pytest.raises(InvalidTransition):
        inbounds.receive_inbound(warehouse, notice, [], actor=operator, now=utcnow())


def test_receiving_refuses_bad_lines_and_other_warehouses(api, world, warehouse, make):
    notice_id = announce(api, world, [{"sku_id": world["sku"], "quantity": 4}]).get_json()["id"]
    notice = db.session.get(InboundNotice, notice_id)
    elsewhere = db.session.merge(make.warehouse("SH-WAIGAOQIAO"))
    with pytest.raises(NotFound):
        inbounds.receive_inbound(elsewhere, notice, [], actor=None, now=utcnow())
    with pytest.raises(ValidationFailed) as refused:
        inbounds.receive_inbound(
            warehouse,
            notice,
            [
                {"sku_id": world["second_sku"], "quantity_received": 1},
                {"sku_id": world["sku"], "quantity_received": -1},
            ],
            actor=None,
            now=utcnow(),
        )
    assert sorted(refused.value.fields) == ["lines.0.sku_id", "lines.1.quantity_received"]
    assert (notice.status, stock(world["sku"], "HZ-XIASHA")) == ("announced", None)
    assert db.session.scalar(select(func.count()).select_from(Warehouse)) == 2


def test_the_inbounds_page_lists_and_announces_by_sku_code(app, make, world):
    client = make.signed_in(world["owner"])
    code = world["sku_code"]
    data = {
        "warehouse": "HZ-XIASHA",
        "lines-0-sku_code": code,
        "lines-0-quantity": "12",
        "lines-1-sku_code": "",
        "lines-1-quantity": "",
    }
    response = client.post("/portal/inbounds", data=data, headers=EN)
    assert (response.status_code, response.location) == (302, "/portal/inbounds")
    html = client.get("/portal/inbounds", headers=EN).get_data(as_text=True)
    assert "The inbound notice was sent to the warehouse." in html and f"<code>{code}</code> × 12" in html
    with app.app_context():
        assert notice_count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"lines-0-sku_code": "NOPE", "lines-0-quantity": "3"},
            "There is no SKU with this code in your shop.",
        ),
        (
            {"lines-0-sku_code": "foreign", "lines-0-quantity": "3"},
            "There is no SKU with this code in your shop.",
        ),
        ({"lines-0-sku_code": "mine", "lines-0-quantity": "lots"}, "Give a whole number here."),
        ({}, "Give between 1 and 200 lines."),
    ],
)
def test_the_inbounds_page_refuses_bad_lines(app, make, world, data, message):
    codes = {"mine": world["sku_code"], "foreign": world["foreign_code"]}
    data = {key: codes.get(value, value) for key, value in data.items()}
    response = make.signed_in(world["owner"]).post(
        "/portal/inbounds", data={"warehouse": "HZ-XIASHA", **data}, headers=EN
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert notice_count() == 0
