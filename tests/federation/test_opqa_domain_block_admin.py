"""An operator blocks a server in the admin as `crossnote federation block` does: the domain is
cleaned the same way (a block typed as a URL or in capitals still blocks), anything that is not a
domain is a form error, and the blocked server's followers are dropped."""

import pytest
from django.utils import timezone

from crossnote.federation.models import DomainBlock, RemoteActor, RemoteFollower
from crossnote.federation.services import is_blocked

pytestmark = pytest.mark.django_db
ADD = "/admin/federation/domainblock/add/"


def _actor(domain: str) -> RemoteActor:
    return RemoteActor.objects.create(
        uri=f"https://{domain}/users/alice",
        domain=domain,
        username="alice",
        inbox=f"https://{domain}/users/alice/inbox",
        key_id=f"https://{domain}/users/alice#main-key",
        public_key_pem="-",
        fetched_at=timezone.now(),
    )


def test_a_block_typed_as_a_url_in_capitals_blocks_the_server_and_drops_its_followers(
    admin_client, mia
):
    alice = _actor("spam.example")
    RemoteFollower.objects.create(actor=alice, user=mia, activity_id=f"{alice.uri}#f/1")

    response = admin_client.post(
        ADD, {"domain": "https://Spam.Example/", "severity": "suspend", "reason": "spam wave"}
    )

    assert response.status_code == 302
    block = DomainBlock.objects.get()
    assert block.domain == "spam.example"
    assert is_blocked("spam.example")
    assert is_blocked("mastodon.spam.example")
    assert not RemoteFollower.objects.exists()


@pytest.mark.parametrize("typed", ["{bad json", "not a domain!!", "localhost", '["ZZZ", 5]'])
def test_what_is_not_a_domain_is_a_form_error(admin_client, typed):
    response = admin_client.post(ADD, {"domain": typed, "severity": "suspend", "reason": ""})

    assert response.status_code == 200
    assert "Give a domain name, like example.social." in response.content.decode()
    assert not DomainBlock.objects.exists()


def test_a_block_renamed_in_the_admin_lifts_the_old_domain(admin_client):
    admin_client.post(ADD, {"domain": "old.example", "severity": "suspend", "reason": ""})
    block = DomainBlock.objects.get()

    response = admin_client.post(
        f"/admin/federation/domainblock/{block.pk}/change/",
        {"domain": "New.Example", "severity": "silence", "reason": "renamed"},
    )

    assert response.status_code == 302
    assert list(DomainBlock.objects.values_list("domain", "severity")) == [
        ("new.example", "silence")
    ]
    assert not is_blocked("old.example")
    assert is_blocked("new.example")
