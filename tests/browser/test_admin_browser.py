"""Django admin widgets built in the browser get accessible names (static/ctc_admin/admin.js)."""

import re

import pytest
from playwright.sync_api import expect

from ctc.accounts.enums import Role
from ctc.accounts.services import roles_sync
from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.two_factor import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in(page):
    roles_sync()
    UserFactory(username="ops", is_staff=True, roles=[Role.ADMINISTRATOR])
    sign_in(page, "ops", PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/login/"))
    return page


def test_autocomplete_combobox_is_named_by_its_label(signed_in):
    page = signed_in
    page.goto("/ar/admin/states/statereport/add/")

    combobox = page.get_by_role("combobox", name=re.compile("الدولة"))

    expect(combobox).to_have_count(1)
    expect(page.locator(".select2-selection__rendered[role]")).to_have_count(0)  # plain text
    combobox.click()
    page.keyboard.type("Ken")
    page.get_by_role("option", name=re.compile("كينيا")).click()
    expect(page.locator("#id_state")).to_have_value(re.compile(r"\d+"))
    assert page.console_errors == []


def test_filter_icons_in_labels_have_a_role_for_their_name(signed_in):
    page = signed_in
    page.goto("/en/admin/auth/group/add/")

    icons = page.locator(".search-label-icon[aria-label]")

    expect(icons).to_have_count(2)
    for icon in icons.all():
        expect(icon).to_have_attribute("role", "img")
    available = page.get_by_role("img", name=re.compile("filter down the list of available"))
    expect(available).to_be_visible()
    assert page.console_errors == []
