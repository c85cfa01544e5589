"""Review queue: the queue page and the claim call with 10,000 open tasks waiting."""
from datetime import timedelta
from itertools import count

from sqlalchemy import insert

from bench.harness import bench_app, report, timed

TASKS = 10_000
FLAG_SETS = [[], [{"code": "banned_words", "weight": 40, "params": {"words": "replica"}}],
             [{"code": "too_few_images", "weight": 10, "params": {"count": 1, "minimum": 3}}],
             [{"code": "missing_proof", "weight": 25, "params": {}}]]


def seed_tasks(app) -> None:
    from marketplace.core.clock import utcnow
    from marketplace.extensions import db
    from marketplace.moderation.models import ReviewTask

    now = utcnow()
    with app.app_context():
        rows = []
        for number in range(TASKS):
            flags = FLAG_SETS[number % len(FLAG_SETS)]
            rows.append({"kind": "listing" if number % 5 else "buyer_application", "subject_id": number + 1,
                         "status": "open", "flags": flags,
                         "risk_score": sum(flag["weight"] for flag in flags),
                         "flag_codes": "".join(f" {flag['code']} " for flag in flags), "reasons": [],
                         "created_at": now - timedelta(minutes=number)})
        db.session.execute(insert(ReviewTask), rows)
        db.session.commit()


def reviewer(app, email: str, password: str) -> None:
    from marketplace.accounts import services
    from marketplace.extensions import db

    with app.app_context():
        user = services.register_user(email, password, "Bench reviewer")
        services.set_roles(user, ["reviewer"])
        db.session.commit()


def run() -> None:
    app = bench_app()
    seed_tasks(app)
    email, password = "reviewer@example.com", "Bench-pass-123"
    reviewer(app, email, password)
    page = app.test_client()
    page.post("/sign-in", data={"email": email, "password": password})
    api = app.test_client()
    token = api.post("/api/v1/auth/tokens", json={"email": email, "password": password}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    ids = count(1)
    report("review_queue", {
        "open tasks": TASKS,
        "GET /review/ (queue page, 50 rows, counts, health)": timed(lambda: page.get("/review/"), repeat=200),
        "GET /api/v1/review/tasks?status=open": timed(
            lambda: api.get("/api/v1/review/tasks?status=open", headers=headers), repeat=300),
        "POST /api/v1/review/tasks/{id}/claim": timed(
            lambda: api.post(f"/api/v1/review/tasks/{next(ids)}/claim", headers=headers), repeat=500),
    })
