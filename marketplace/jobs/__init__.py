"""Background jobs: one ``enqueue()`` for all code, run on RQ workers when ``REDIS_URL`` is set and
inline otherwise. A job's ``JobRecord`` row is written in the caller's transaction (the outbox) and
handed over only after that transaction commits; a periodic sweep re-sends what was not taken."""

DEFAULTS = {
    "JOBS_RETRY_BACKOFF_SECONDS": 10,  # first retry after 10 s, then 40 s, 160 s ...
    "JOBS_SWEEP_AFTER_SECONDS": 10,  # a job still undispatched this long after commit is re-sent
    "JOBS_RUN_DUE_EVERY_SECONDS": 15,  # inline mode: how often `flask serve` runs due jobs
    "JOBS_STALLED_AFTER_SECONDS": 3600,  # a job `running` this long lost its worker: run it again
    "JOBS_MAX_DELIVERIES": 5,  # a job that stalled this often is failed, not sent again
}


def init_app(app) -> None:
    """Job settings' defaults. The task modules are imported by ``marketplace.tasks`` and the
    outbox's session events installed by ``marketplace.handlers``, both from the app factory."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
