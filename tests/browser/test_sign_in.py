"""Sign-in in a real browser: notice, password, one-time code, enrolment, lockout, keyboard."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect
from tests.browser.conftest import acknowledge, assert_accessible
from tests.conftest import PASSWORD, otp_code

from access.site.management.commands.demo_otp import current_code

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LOGIN = "/accounts/login/"


def submit_password(page: Page, username: str, password: str = PASSWORD) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_with_notice_password_and_one_time_code(page, live_server, make_user):
    user = make_user("agency_liaison")
    page.goto(live_server.url + LOGIN)
    expect(page).to_have_title("Sign in | ACCESS")
    expect(page.get_by_role("heading", name="System use notification")).to_be_visible()
    expect(page.locator("#system-use-notice")).to_contain_text(
        "Use of this system is monitored, recorded and subject to audit."
    )
    assert_accessible(page)

    submit_password(page, user.username)
    expect(page).to_have_url(live_server.url + LOGIN)
    expect(page.locator("#id_acknowledge-error")).to_have_text(
        "Acknowledge the system-use notice to continue."
    )
    expect(page.get_by_label("Username")).to_have_value(user.username)
    assert_accessible(page)

    acknowledge(page)
    submit_password(page, user.username)
    expect(page).to_have_url(live_server.url + "/accounts/login/verify/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your one-time code")
    assert_accessible(page)

    page.get_by_label("One-time code").fill(otp_code(user))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Test Agency_Liaison")
    expect(page.get_by_text(f"Signed in as {user.username}")).to_be_visible()
    assert_accessible(page)


def test_first_sign_in_enrols_an_authenticator(page, live_server, make_user):
    user = make_user("agency_officer", mfa=False)
    page.goto(live_server.url + LOGIN)
    acknowledge(page)
    submit_password(page, user.username)
    expect(page).to_have_url(live_server.url + "/accounts/login/enrol/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up multi-factor authentication")

    qr = page.get_by_role("img", name=re.compile(r"^QR code to add ACCESS"))
    expect(qr).to_be_visible()
    expect(qr).to_have_attribute(
        "alt",
        "QR code to add ACCESS to an authenticator app. "
        "The same key is written below for manual entry.",
    )
    expect(qr).to_have_attribute("src", re.compile(r"^data:image/svg\+xml"))
    secret = page.locator("#totp-secret")
    expect(secret).to_have_text(re.compile(r"^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$"))
    assert_accessible(page)

    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    manual_key = secret.inner_text().replace(" ", "")
    assert base64.b32decode(manual_key + "=" * (-len(manual_key) % 8)) == device.bin_key

    page.get_by_label("One-time code").fill(current_code(device))
    page.get_by_role("button", name="Confirm and sign in").click()
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Test Agency_Officer")
    device.refresh_from_db()
    assert device.confirmed


def test_enrolment_qr_code_image_renders(page, live_server, make_user):
    user = make_user("agency_officer", mfa=False)
    page.goto(live_server.url + LOGIN)
    acknowledge(page)
    submit_password(page, user.username)
    qr = page.locator("img.access-qr")
    expect(qr).to_be_visible()
    qr.evaluate("img => img.decode().catch(() => null)")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")


def test_five_wrong_passwords_lock_the_account(page, live_server, make_user):
    user = make_user("agency_liaison")
    page.goto(live_server.url + LOGIN)
    for attempt in range(5):
        acknowledge(page)
        submit_password(page, user.username, password=f"wrong password {attempt}")
        expect(page).to_have_url(live_server.url + LOGIN)
        if attempt < 4:
            expect(page.get_by_text("The username or password is not correct.")).to_be_visible()

    acknowledge(page)
    submit_password(page, user.username)
    expect(page).to_have_url(live_server.url + LOGIN)
    expect(page.get_by_role("heading", name="This account is locked")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("A system administrator must release")
    assert_accessible(page)


def test_skip_link_and_sign_in_by_keyboard_alone(page, live_server, make_user):
    user = make_user("agency_liaison")
    page.goto(live_server.url + LOGIN)

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()

    checkbox = page.get_by_label("I have read the notice above")
    page.keyboard.press("Tab")
    expect(checkbox).to_be_focused()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Username")).to_be_focused()
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    # The skip link's fragment survives the redirect, so focus navigation starts at <main>.
    expect(page).to_have_url(live_server.url + "/accounts/login/verify/#main-content")
    page.keyboard.press("Tab")
    expect(page.get_by_label("One-time code")).to_be_focused()
    page.keyboard.type(otp_code(user))
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/#main-content")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Test Agency_Liaison")
