import pytest
from playwright.sync_api import expect

from ctc.accounts.enums import Role
from ctc.accounts.services import user_set_roles
from tests.factories import UserFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser


def test_administrator_signs_in_and_edits_a_state_in_the_admin(page):
    admin = UserFactory(username="ops", is_staff=True)
    user_set_roles(user=admin, roles=[Role.ADMINISTRATOR])
    from ctc.accounts.services import roles_sync

    roles_sync()

    sign_in(page, "ops@example.org", "correct horse battery")
    expect(page.get_by_role("link", name="Open the administration site")).to_be_visible()
    page.goto("/en/admin/states/memberstate/?q=Kenya")
    page.get_by_role("link", name="Kenya").click()
    page.fill("#id_name_fr", "Kenya (République du)")
    page.click("input[name=_save]")

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert page.console_errors == []


def test_api_docs_render_under_the_content_security_policy(page):
    page.goto("/api/docs/")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("CTC Workspace API")
    expect(page.get_by_text("/api/v1/states/", exact=True)).to_be_visible()
    assert page.console_errors == []
