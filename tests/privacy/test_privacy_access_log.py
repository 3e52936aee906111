"""Log-ins and staff views of private data are recorded, and the person sees them."""

import pytest
from django.test import Client
from django.urls import reverse

from crossnote.privacy import archive
from crossnote.privacy.models import AccessLog, LoginEvent
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    make_user("root_admin", is_staff=True, is_superuser=True)
    client = Client()
    client.login(username="root_admin", password=PASSWORD)
    return client


def test_an_admin_opening_a_persons_page_is_logged_and_in_their_export(mia, admin_client):
    response = admin_client.get(reverse("admin:accounts_user_change", args=[mia.pk]))
    assert response.status_code == 200 and mia.email in response.content.decode()
    row = AccessLog.objects.get(subject=mia)
    assert (row.viewer_name, row.what) == ("root_admin", "email")
    assert row.where == f"/admin/accounts/user/{mia.pk}/change/"
    data, _media = archive.collect_data(mia)
    assert data["security"]["access_log"][0]["viewer"] == "root_admin"


def test_the_admin_user_list_logs_each_person_whose_email_it_shows(mia, lin, admin_client):
    assert admin_client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert set(AccessLog.objects.values_list("subject__username", flat=True)) == {
        "mia_ms",
        "lin_sh",
    }  # not the admin's own row


def test_the_login_history_admin_logs_who_looked_at_ip_addresses(mia, admin_client):
    Client().post("/login/", {"username": "mia_ms", "password": PASSWORD})
    admin_client.get(reverse("admin:privacy_loginevent_changelist"))
    assert AccessLog.objects.filter(subject=mia, what="IP addresses").exists()


def test_logins_are_recorded_with_the_ip_when_there_is_one(mia):
    response = Client(REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="TestBrowser/1").post(
        "/login/", {"username": "mia_ms", "password": PASSWORD}
    )
    assert response.status_code == 302
    event = LoginEvent.objects.get(user=mia)
    assert (event.ip, event.user_agent) == ("203.0.113.9", "TestBrowser/1")
    api = Client(REMOTE_ADDR="")
    api.post(
        "/api/v1/auth/login",
        {"username": "mia_ms", "password": PASSWORD},
        content_type="application/json",
    )
    assert LoginEvent.objects.filter(user=mia, ip=None).exists()
    history = api.get("/api/v1/me/logins").json()
    assert len(history) == 2


def test_the_privacy_page_shows_logins_and_staff_access(mia, admin_client, client_for):
    admin_client.get(reverse("admin:accounts_user_change", args=[mia.pk]))
    Client(REMOTE_ADDR="198.51.100.7").post("/login/", {"username": "mia_ms", "password": PASSWORD})
    page = client_for(mia).get("/settings/privacy/").content.decode()
    assert "198.51.100.7" in page and "root_admin" in page
