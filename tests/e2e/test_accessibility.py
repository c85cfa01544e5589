"""axe-core (vendored in the axe-playwright-python package) finds no serious or critical
accessibility violations on the pages every visitor sees."""
import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe():
    sync_axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    return sync_axe.Axe()


def serious_violations(axe, page) -> list[str]:
    violations = axe.run(page).response["violations"]
    return [f"{item['id']} ({item['impact']}): {[node['target'] for node in item['nodes']]}"
            for item in violations if item["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", ["/", "/sign-in", "/register"])
def test_no_serious_violations(axe, page, path):
    page.goto(path)
    assert serious_violations(axe, page) == []


def test_no_serious_violations_on_a_form_with_errors(axe, page):
    page.goto("/sign-in")
    page.get_by_role("button", name="登录").click()
    page.locator("#email-error").wait_for()
    assert serious_violations(axe, page) == []


def test_no_serious_violations_on_a_phone(axe, phone):
    phone.goto("/")
    assert serious_violations(axe, phone) == []
