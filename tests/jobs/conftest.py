import pytest

from marketplace.jobs import dispatch
from tests.jobs import sample_tasks


@pytest.fixture(autouse=True)
def fresh_job_state():
    sample_tasks.reset()
    dispatch._last_periodic_runs.clear()
    yield
    sample_tasks.reset()
    dispatch._last_periodic_runs.clear()
