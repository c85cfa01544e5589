"""Pre-screening: every rule hits and misses, a crashing rule flags the task for a human, the
admin's thresholds are data."""

from datetime import timedelta

import pytest
from flask_babel import force_locale

from marketplace.certification.models import ApplicationDocument, BuyerApplication
from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.moderation import rules, services, settings
from marketplace.moderation.models import ReviewTask
from tests import catalog_builders
from tests.moderation import helpers


def codes(task) -> list[str]:
    return [flag["code"] for flag in task.flags]


def screened(buyer, **listing_fields):
    return helpers.submit(helpers.listing(buyer.shop.id, **listing_fields), buyer)


def test_a_clean_listing_has_no_flags_and_scores_zero(buyer):
    task = screened(buyer)
    assert (task.flags, task.risk_score, task.flag_codes, task.status) == ([], 0, "", "open")
    assert task.prescreened_at is not None


def test_banned_words_hit_in_any_language_and_case(buyer):
    task = screened(buyer, title="Acme 高仿 REPLICA 包")
    assert task.flags == [{"code": "banned_words", "weight": 40, "params": {"words": "replica, 高仿"}}]
    assert task.risk_score == 40 and task.flag_codes == " banned_words "


def test_absolute_claims_only_count_in_the_title(buyer):
    task = screened(buyer, title="Acme 第一 面霜")
    assert codes(task) == ["absolute_claims"]
    item = helpers.listing(buyer.shop.id)
    item.description_zh = "这是第一次购买"
    assert codes(helpers.submit(item, buyer)) == []


def test_tax_category_off_the_positive_list(buyer):
    _, tax = catalog_builders.reference_data()
    tax.on_positive_list = False
    task = screened(buyer)
    assert task.flags == [
        {"code": "not_on_positive_list", "weight": 50, "params": {"tax_category": "test_cosmetics"}}
    ]


def test_prohibited_category_is_admin_data(buyer, make):
    admin = db.session.merge(make.admin())
    assert codes(screened(buyer)) == []
    settings.update(
        admin, {"rules": {"prohibited_category": {"categories": ["test-skincare"]}}}, now=utcnow()
    )
    assert codes(screened(buyer)) == ["prohibited_category"]


def live_prices(shop_id: int, *prices: str) -> None:
    for number, price in enumerate(prices):
        catalog_builders.listing(shop_id, title=f"其他 {number}", price=price, status="live")


def test_price_far_below_the_category_median(buyer, make):
    other = db.session.merge(make.buyer())
    live_prices(other.shop.id, "20.00", "25.00", "25.00", "30.00", "40.00")
    task = screened(buyer, price="5.00")  # 35.50 CNY against a median of 177.50
    assert task.flags == [
        {
            "code": "price_below_median",
            "weight": 30,
            "params": {"price": "35.50", "median": "177.50", "percent": "30"},
        }
    ]
    with force_locale("en"):
        assert rules.explain(task.flags[0]) == ("Price 35.50 CNY is under 30% of the category median "
                                                "177.50 CNY.")
    assert codes(screened(buyer, price="7.50")) == []  # 53.25 CNY is exactly 30%


def test_no_median_flag_while_the_category_has_few_listings(buyer, make):
    live_prices(db.session.merge(make.buyer()).shop.id, "25.00", "25.00")
    assert codes(screened(buyer, price="1.00")) == []


def test_fewer_than_three_images(buyer):
    task = screened(buyer, images=2)
    assert task.flags == [{"code": "too_few_images", "weight": 10, "params": {"count": 2, "minimum": 3}}]
    assert codes(screened(buyer, images=3)) == []


def test_missing_authenticity_proof(buyer):
    assert codes(screened(buyer, proof=False)) == ["missing_proof"]


def test_image_matching_another_shops_image(buyer, make):
    other = db.session.merge(make.buyer())
    theirs = helpers.listing(other.shop.id, hashes=(helpers.HASH,), status="live")
    near = format(int(helpers.HASH, 16) ^ 0b101, "016x")  # two bits apart
    task = screened(buyer, hashes=(near,))
    assert task.flags == [{"code": "duplicate_image", "weight": 35, "params": {"listing": theirs.id}}]
    far = format(int(helpers.HASH, 16) ^ 0xFFFF, "016x")
    assert codes(screened(buyer, hashes=(far,))) == []


def test_own_images_reused_across_the_same_shop_are_fine(buyer):
    helpers.listing(buyer.shop.id, hashes=(helpers.HASH,), status="live")
    assert codes(screened(buyer, hashes=(helpers.HASH,))) == []


def test_title_without_the_brand(buyer):
    task = screened(buyer, title="保湿面霜", brand="Sulwhasoo")
    assert task.flags == [{"code": "brand_not_in_title", "weight": 5, "params": {"brand": "Sulwhasoo"}}]
    assert codes(screened(buyer, title="SULWHASOO 面霜", brand="Sulwhasoo")) == []


def test_a_buyer_with_recent_rejections(buyer):
    now = utcnow()
    old = ReviewTask(
        kind="listing",
        subject_id=999,
        shop_id=buyer.shop.id,
        submitted_by_id=buyer.id,
        status="decided",
        decision="reject",
        reasons=["other"],
        decided_at=now - timedelta(days=40),
        created_at=now - timedelta(days=41),
        flags=[],
    )
    db.session.add(old)
    assert codes(screened(buyer)) == []  # forty days ago does not count
    old.decided_at = now - timedelta(days=3)
    task = screened(buyer)
    assert task.flags == [{"code": "recent_rejections", "weight": 20, "params": {"count": 1, "days": 30}}]


def application(
    user,
    *,
    bio="I shop outlet malls weekly.",
    documents=(
        ("identity", "image/png", 50_000),
        ("residence", "application/pdf", 90_000),
        ("sourcing", "image/jpeg", 40_000),
    ),
):
    row = BuyerApplication(
        applicant_id=user.id,
        status="submitted",
        legal_name="Ada Buyer",
        country="US",
        city="Portland",
        bio=bio,
        languages=["en"],
        categories=[],
        social_links=[],
    )
    for number, (kind, content_type, size) in enumerate(documents):
        row.documents.append(
            ApplicationDocument(
                kind=kind,
                storage_key=f"applications/{user.id}/{number}-{kind}",
                filename=f"{kind}.bin",
                content_type=content_type,
                size=size,
                sha256="0" * 64,
                uploaded_at=utcnow(),
            )
        )
    db.session.add(row)
    db.session.flush()
    task = services.open_task("buyer_application", row.id, submitted_by=user, shop_id=None, now=utcnow())
    db.session.commit()
    return db.session.get(ReviewTask, task.id, populate_existing=True)


@pytest.fixture
def applicant(ctx, make):
    return db.session.merge(make.user())


def test_a_complete_application_has_no_flags(applicant):
    assert application(applicant).flags == []


def test_application_missing_documents_and_banned_words_in_the_bio(applicant):
    task = application(
        applicant, bio="I sell 1:1 Replica bags", documents=(("identity", "image/png", 50_000),)
    )
    assert task.flags == [
        {"code": "banned_words", "weight": 40, "params": {"words": "replica, 1:1"}},
        {"code": "missing_documents", "weight": 40, "params": {"kinds": "residence, sourcing"}},
    ]


def test_application_with_odd_documents(applicant):
    task = application(
        applicant,
        documents=(
            ("identity", "text/html", 50_000),
            ("residence", "image/png", 300),
            ("sourcing", "image/png", 40_000),
        ),
    )
    assert task.flags == [
        {"code": "odd_documents", "weight": 15, "params": {"kind": "identity", "problem": "type"}},
        {"code": "odd_documents", "weight": 15, "params": {"kind": "residence", "problem": "small"}},
    ]
    with force_locale("en"):
        assert rules.explain(task.flags[1]) == "Unusual document residence: file too small to be legible."


def test_applicant_with_a_recent_rejection(applicant):
    now = utcnow()
    db.session.add(
        ReviewTask(
            kind="buyer_application",
            subject_id=998,
            submitted_by_id=applicant.id,
            status="decided",
            decision="reject",
            reasons=["other"],
            decided_at=now - timedelta(days=1),
            created_at=now - timedelta(days=2),
            flags=[],
        )
    )
    assert [flag["code"] for flag in application(applicant).flags] == ["recent_rejections"]


def test_a_crashing_rule_flags_the_task_for_a_human(buyer, monkeypatch):
    def broken(subject, rule_settings, now):
        raise ZeroDivisionError("bug")

    crashing = rules.Rule("too_few_images", ("listing",), broken, rules.RULES["too_few_images"].defaults)
    monkeypatch.setitem(rules.RULES, "too_few_images", crashing)
    task = screened(buyer, title="Acme replica")
    assert task.flags == [
        {"code": "banned_words", "weight": 40, "params": {"words": "replica"}},
        {"code": "rule_error", "weight": 25, "params": {"rule": "too_few_images"}},
    ]
    assert (task.status, task.risk_score) == ("open", 65)


def test_a_disabled_rule_does_not_run_and_weights_are_data(buyer, make):
    admin = db.session.merge(make.admin())
    settings.update(
        admin,
        {"rules": {"missing_proof": {"enabled": False}, "too_few_images": {"weight": 33}}},
        now=utcnow(),
    )
    task = screened(buyer, proof=False, images=1)
    assert task.flags == [{"code": "too_few_images", "weight": 33, "params": {"count": 1, "minimum": 3}}]


def test_a_missing_subject_is_flagged_not_lost(buyer):
    task = services.open_task("listing", 123456, submitted_by=buyer, shop_id=buyer.shop.id, now=utcnow())
    db.session.commit()
    task = helpers.task_row(task.id)
    assert (task.status, task.flags) == ("open", [{"code": "subject_missing", "weight": 25, "params": {}}])


def test_prescreening_is_audited(buyer):
    from marketplace.audit.services import events_for

    task = screened(buyer, images=1)
    actions = [(event.action, event.actor_id) for event in events_for("review_task", task.id)]
    assert actions == [("review_task.opened", buyer.id), ("review_task.prescreened", None)]
    assert events_for("review_task", task.id)[1].after == {
        "risk_score": 10,
        "flags": [["too_few_images", 10]],
    }


def test_open_task_twice_keeps_one_waiting_task(buyer):
    item = helpers.listing(buyer.shop.id)
    first = helpers.submit(item, buyer)
    again = helpers.submit(item, buyer)
    assert first.id == again.id and len(helpers.tasks()) == 1
