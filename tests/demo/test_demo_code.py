"""``heard demo_code`` prints the code that the demo logins' two-factor device accepts."""

import io

import pytest
from django.core.management import call_command

from heard.core import two_factor
from heard.demo import data
from heard.demo.management.commands.demo_code import demo_code
from tests.factories import UserFactory


def test_rfc_6238_vector():
    # The RFC's SHA-1 test key at T=59 gives 94287082 (8 digits), so 287082 with six.
    from django_otp.oath import TOTP

    device = TOTP(b"12345678901234567890", step=30, t0=0, digits=6, drift=0)
    device.time = 59
    assert device.token() == 287082


def test_changes_every_thirty_seconds():
    first, valid = demo_code(at=1_800_000_000)
    assert len(first) == 6 and first.isdigit()
    assert valid == 30
    assert demo_code(at=1_800_000_029)[0] == first
    assert demo_code(at=1_800_000_030)[0] != first


@pytest.mark.django_db
def test_the_printed_code_verifies_on_a_demo_device():
    user = UserFactory()
    device = two_factor.totp_device_install(actor=None, user=user, key=data.DEMO_TOTP_KEY)
    out = io.StringIO()
    call_command("demo_code", stdout=out)
    code = out.getvalue().split(":")[1].split()[0]
    assert device.verify_token(code)
    assert not device.verify_token("000000" if code != "000000" else "111111")
