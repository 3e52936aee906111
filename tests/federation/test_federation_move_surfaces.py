"""Account moves through the REST API, the Settings page and the CLI (crossnote.federation.
moving_api, moving_views, the `federation` command): each shows clear errors, the profile says
where a moved person went, and everything is 404 while federation is off."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from crossnote.federation.models import AccountMove, ActorAlias, RemoteFollow
from crossnote.social.services import follow_user
from tests.federation.test_federation_move import LIN, PASSWORD, account_at

pytestmark = pytest.mark.django_db


def host_of(peer) -> str:
    return peer[0].split("//")[1]


def test_the_api_adds_and_removes_aliases_and_moves(peer, lin, mia, client_for, federated):
    api = client_for(lin)
    old = account_at(peer, "oldlin")
    new = account_at(peer, "newlin", also_known_as=[LIN])
    state = api.get("/api/v1/federation/moves").json()
    assert state["handle"] == "@lin_sh@crossnote.example" and state["actor"] == LIN
    assert state["aliases"] == [] and state["moved_to"] is None

    made = api.post(
        "/api/v1/federation/moves/aliases",
        {"address": f"@oldlin@{host_of(peer)}"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["uri"] == old["id"]
    again = api.post(
        "/api/v1/federation/moves/aliases",
        {"address": f"@oldlin@{host_of(peer)}"},
        content_type="application/json",
    )
    assert again.status_code == 409
    bad = api.post(
        "/api/v1/federation/moves/aliases", {"address": "nope"}, content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["field"] == "address"
    assert api.delete(f"/api/v1/federation/moves/aliases/{made.json()['id']}").status_code == 204
    assert api.delete(f"/api/v1/federation/moves/aliases/{made.json()['id']}").status_code == 404

    follow_user(follower=mia, followee=lin)
    move = {"address": f"@newlin@{host_of(peer)}", "password": "wrong"}
    wrong = api.post("/api/v1/federation/moves", move, content_type="application/json")
    assert wrong.status_code == 403 and "password" in wrong.json()["detail"]
    move["password"] = PASSWORD
    moved = api.post("/api/v1/federation/moves", move, content_type="application/json")
    assert moved.status_code == 201, moved.content
    assert moved.json()["target_uri"] == new["id"] and moved.json()["local_followers"] == 1
    assert api.get("/api/v1/federation/moves").json()["moved_to"]["target_uri"] == new["id"]
    assert RemoteFollow.objects.get(user=mia).actor.uri == new["id"]
    cancel = api.post(
        "/api/v1/federation/moves/cancel", {"password": "wrong"}, content_type="application/json"
    )
    assert cancel.status_code == 403
    cancel = api.post(
        "/api/v1/federation/moves/cancel", {"password": PASSWORD}, content_type="application/json"
    )
    assert cancel.status_code == 200 and cancel.json()["target_uri"] == new["id"]
    assert api.get("/api/v1/federation/moves").json()["moved_to"] is None
    again = api.post(
        "/api/v1/federation/moves/cancel", {"password": PASSWORD}, content_type="application/json"
    )
    assert again.status_code == 409


def test_the_api_is_404_while_federation_is_off(lin, client_for):
    api = client_for(lin)
    assert api.get("/api/v1/federation/moves").status_code == 404
    answer = api.post(
        "/api/v1/federation/moves",
        {"address": "@a@b.example", "password": PASSWORD},
        content_type="application/json",
    )
    assert answer.status_code == 404


def test_the_settings_page_adds_an_alias_confirms_a_move_and_shows_errors(
    peer, lin, client_for, federated
):
    page = client_for(lin)
    assert 'data-testid="account-move-link"' in page.get("/settings/").content.decode()
    shown = page.get("/settings/moving/")
    assert shown.status_code == 200 and "@lin_sh@crossnote.example" in shown.content.decode()

    old = account_at(peer, "oldlin")
    added = page.post(
        "/settings/moving/", {"action": "add-alias", "address": f"oldlin@{host_of(peer)}"}
    )
    assert added.status_code == 302
    assert ActorAlias.objects.get(user=lin).uri == old["id"]
    bad = page.post("/settings/moving/", {"action": "add-alias", "address": "not an address"})
    assert bad.status_code == 400 and 'data-testid="alias-error"' in bad.content.decode()

    account_at(peer, "newlin")  # does not name Lin yet
    form = {"action": "move", "address": f"@newlin@{host_of(peer)}", "password": PASSWORD}
    unconfirmed = page.post("/settings/moving/", form)
    assert unconfirmed.status_code == 400 and "Tick the box" in unconfirmed.content.decode()
    refused = page.post("/settings/moving/", {**form, "confirm": "yes"})
    assert refused.status_code == 400 and "does not name this account" in refused.content.decode()
    assert not AccountMove.objects.exists()

    account_at(peer, "newlin", also_known_as=[LIN])
    moved = page.post("/settings/moving/", {**form, "confirm": "yes"})
    assert moved.status_code == 302
    after = page.get("/settings/moving/").content.decode()
    assert 'data-testid="moved-notice"' in after and 'data-testid="move-form"' not in after
    profile = page.get(lin.get_absolute_url())
    assert f"This account has moved to @newlin@{host_of(peer)}" in profile.content.decode()
    wrong = page.post("/settings/moving/", {"action": "cancel", "password": "nope"})
    assert wrong.status_code == 400 and 'data-testid="cancel-error"' in wrong.content.decode()
    assert (
        page.post("/settings/moving/", {"action": "cancel", "password": PASSWORD}).status_code
        == 302
    )
    assert "This account has moved" not in page.get(lin.get_absolute_url()).content.decode()


def test_the_page_is_404_while_federation_is_off(lin, client_for):
    page = client_for(lin)
    assert page.get("/settings/moving/").status_code == 404
    assert 'data-testid="account-move-link"' not in page.get("/settings/").content.decode()


def test_the_cli_adds_aliases_and_moves_a_person(peer, lin, federated, capsys):
    old = account_at(peer, "oldlin")
    call_command("federation", "alias", "lin_sh", f"@oldlin@{host_of(peer)}")
    assert old["id"] in capsys.readouterr().out
    call_command("federation", "alias", "lin_sh")
    assert f"@oldlin@{host_of(peer)}" in capsys.readouterr().out
    call_command("federation", "alias", "lin_sh", f"@oldlin@{host_of(peer)}", "--remove")
    assert not ActorAlias.objects.exists()
    with pytest.raises(CommandError, match="no such person"):
        call_command("federation", "move", "nobody_here", "@x@y.example")
    account_at(peer, "newlin")
    with pytest.raises(CommandError, match="does not name this account"):
        call_command("federation", "move", "lin_sh", f"@newlin@{host_of(peer)}")
    account_at(peer, "newlin", also_known_as=[LIN])
    call_command("federation", "move", "lin_sh", f"@newlin@{host_of(peer)}")
    assert "lin_sh moved to" in capsys.readouterr().out
    call_command("federation", "move", "lin_sh", "--cancel")
    assert "cancelled" in capsys.readouterr().out
    with pytest.raises(CommandError, match="has not moved"):
        call_command("federation", "move", "lin_sh", "--cancel")
    call_command("federation", "moves")
    assert json.dumps(AccountMove.objects.get().target_uri)[1:-1] in capsys.readouterr().out
