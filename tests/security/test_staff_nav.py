"""Staff reach the sign-up controls (/staff/signups/) from the top bar; nobody else sees the link."""

import pytest

from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_staff_see_the_sign_up_controls_link_and_it_opens(client_for):
    staff = make_user("ops_zhao", is_staff=True)
    client = client_for(staff)
    html = client.get("/").content.decode()
    assert 'data-testid="signups-link"' in html
    assert 'href="/staff/signups/"' in html
    assert client.get("/staff/signups/").status_code == 200


def test_others_do_not_see_it(client_for, mia, client):
    assert 'data-testid="signups-link"' not in client_for(mia).get("/").content.decode()
    assert 'data-testid="signups-link"' not in client.get("/").content.decode()
