"""Accounts: token authentication and the signed-in ``/me`` call, the base cost every API call
pays; and the home page."""
from bench.harness import bench_app, report, timed


def run() -> None:
    app = bench_app()
    client = app.test_client()
    client.post("/api/v1/auth/register", json={"email": "bench@example.com", "password": "Bench-pass-123",
                                               "display_name": "Bench"})
    token = client.post("/api/v1/auth/tokens", json={"email": "bench@example.com",
                                                     "password": "Bench-pass-123"}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    credentials = {"email": "bench@example.com", "password": "Bench-pass-123"}
    report("accounts", {
        "GET /api/v1/me": timed(lambda: client.get("/api/v1/me", headers=headers), repeat=500),
        "POST /api/v1/auth/tokens (argon2 verify)": timed(
            lambda: client.post("/api/v1/auth/tokens", json=credentials), repeat=50, warmup=3),
        "GET / (home)": timed(lambda: client.get("/"), repeat=200),
    })
