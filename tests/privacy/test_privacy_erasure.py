"""Deletion: the account closes at once, can be kept by logging in during the grace period, and
is then erased so that no table, file, cache entry or search index still holds its text, email
or media. Others' data stays, with its counts put right."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from crossnote.accounts.models import ApiToken, User
from crossnote.accounts.services import create_api_token
from crossnote.moderation.models import Decision
from crossnote.notes.models import Comment, Note
from crossnote.privacy import services, tasks
from crossnote.privacy.models import DeletionRequest, OperatorAction
from tests.conftest import PASSWORD, make_user
from tests.privacy.scanner import explain_leftovers, scan_everywhere

pytestmark = pytest.mark.django_db


def media_of(user) -> list[Path]:
    from django.conf import settings

    from crossnote.notes.models import NoteImage

    names = [user.avatar.name]
    for image in NoteImage.objects.filter(note__author=user):
        names += [image.thumb.name, image.large.name]
    return [Path(settings.MEDIA_ROOT) / n for n in names]


def test_after_erasure_nothing_anywhere_holds_the_persons_text_email_or_media(
    rich_user, marker, client_for, django_capture_on_commit_callbacks
):
    subject = rich_user["subject"]
    with django_capture_on_commit_callbacks(execute=True):
        services.request_export(user=subject)
    files = media_of(subject)
    assert all(f.exists() for f in files) and len(files) == 1 + 3 * 2  # avatar, 3 images
    cache.set("scanner-probe", {"text": f"cached {marker}"})
    before = scan_everywhere([marker])
    cache.delete("scanner-probe")
    # The scanner is not blind: it sees the person in models, raw tables, search, files, zips.
    places = (
        "model accounts.User",
        "table search_",
        "file ",
        ".zip!data.json",
        "language",
        "cache",
    )
    for place in places:
        assert any(place in hit for hit in before), place

    response = client_for(subject).post(
        "/settings/privacy/delete/", {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302 and response["Location"] == "/account-deleted/"
    with django_capture_on_commit_callbacks(execute=True):
        done = tasks.sweep(now=timezone.now() + timedelta(days=15), run=tasks.run_inline)
    assert done["erasures_started"] == 1

    left = scan_everywhere([marker])
    assert left == [], explain_leftovers(left)
    assert not any(f.exists() for f in files)
    assert not User.objects.filter(pk=subject.pk).exists()
    receipt = DeletionRequest.objects.get(subject_ref=f"user #{subject.pk}")
    assert receipt.status == "done" and receipt.user is None and receipt.completed_at


def test_erasure_keeps_others_data_and_puts_their_counts_right(
    rich_user, django_capture_on_commit_callbacks
):
    subject, other = rich_user["subject"], rich_user["other"]
    theirs, mine = rich_user["theirs"], rich_user["mine"]
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_now(user=subject, operator="test")
    theirs.refresh_from_db()
    other.refresh_from_db()
    # Their comment on other's note went; other's reply under it stayed, moved to the top of
    # the thread (it is other's text); their like and save went too.
    assert (theirs.comment_count, theirs.like_count, theirs.collect_count) == (1, 0, 0)
    (kept,) = Comment.objects.filter(note=theirs)
    assert (kept.author, kept.body, kept.parent_id, kept.reply_to_id) == (
        other,
        "thanks",
        None,
        None,
    )
    assert (other.follower_count, other.following_count) == (0, 0)
    # Others' comments under their notes go with the notes.
    assert not Note.objects.filter(pk=mine.pk).exists()
    assert not Comment.objects.filter(body="Cute cat from other").exists()
    assert Note.objects.filter(author=other).count() == 1


def test_moderation_decisions_are_kept_pseudonymised(
    rich_user, marker, django_capture_on_commit_callbacks
):
    subject = rich_user["subject"]
    ids = list(Decision.objects.filter(author=subject).values_list("pk", flat=True))
    assert ids
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_now(user=subject, operator="test")
    for decision in Decision.objects.filter(pk__in=ids):
        assert decision.author is None
        assert decision.statement and marker not in decision.statement
        assert all(span["text"] == "" for s in decision.signals for span in s.get("spans", []))
    assert Decision.objects.filter(pk__in=ids).count() == len(ids)


def test_asking_for_deletion_closes_the_account_at_once_with_its_sessions_and_tokens(mia):
    _token, secret = create_api_token(user=mia, name="cli")
    browser = Client()
    browser.login(username="mia_ms", password=PASSWORD)
    assert browser.get("/settings/").status_code == 200
    api = Client()
    response = api.post(
        "/api/v1/me/deletion",
        {"password": PASSWORD},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "pending"
    mia.refresh_from_db()
    assert not mia.is_active
    assert not ApiToken.objects.filter(user=mia).exists()
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert browser.get("/settings/").status_code == 302  # the old session no longer works
    assert Client().get("/u/mia_ms/").status_code == 404  # hidden everywhere


def test_logging_in_during_the_grace_period_cancels_the_deletion(
    mia, client_for, django_capture_on_commit_callbacks
):
    client_for(mia).post("/settings/privacy/delete/", {"password": PASSWORD, "confirm": "on"})
    browser = Client()
    response = browser.post("/login/", {"username": "mia_ms", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "your account will not be deleted" in response.content.decode()
    mia.refresh_from_db()
    assert mia.is_active
    assert DeletionRequest.objects.get(user=mia).status == "cancelled"
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep(now=timezone.now() + timedelta(days=30), run=tasks.run_inline)
    assert User.objects.filter(pk=mia.pk, is_active=True).exists()


def test_a_wrong_password_at_log_in_does_not_cancel_and_api_log_in_cancels(mia):
    services.schedule_erasure(user=mia, via="test")
    wrong = Client().post("/login/", {"username": "mia_ms", "password": "nope nope"})
    assert wrong.status_code == 200 and "_auth_user_id" not in wrong.client.session
    assert DeletionRequest.objects.get(user=mia).status == "pending"
    api = Client().post(
        "/api/v1/auth/login",
        {"username": "mia_ms", "password": PASSWORD},
        content_type="application/json",
    )
    assert api.status_code == 200
    assert DeletionRequest.objects.get(user=mia).status == "cancelled"


def test_a_suspended_account_cannot_log_in_through_the_returning_path(mia):
    User.objects.filter(pk=mia.pk).update(is_active=False)  # suspended by moderation
    response = Client().post("/login/", {"username": "mia_ms", "password": PASSWORD})
    assert "_auth_user_id" not in response.client.session
    assert not User.objects.get(pk=mia.pk).is_active


def test_a_wrong_password_is_400_and_nothing_changes(mia, client_for):
    page = client_for(mia).post(
        "/settings/privacy/delete/", {"password": "wrong one", "confirm": "on"}
    )
    assert page.status_code == 400
    assert "That password is not right." in page.content.decode()
    api = client_for(mia).post(
        "/api/v1/me/deletion", {"password": "wrong"}, content_type="application/json"
    )
    assert api.status_code == 400 and api.json()["field"] == "password"
    mia.refresh_from_db()
    assert mia.is_active and not DeletionRequest.objects.exists()


def test_asking_twice_is_409_and_keeps_the_first_request(mia):
    first = services.schedule_erasure(user=mia, via="test")
    with pytest.raises(services.Conflict):
        services.schedule_erasure(user=mia, via="test")
    with pytest.raises(CommandError, match="already scheduled"):
        call_command("privacy", "erase", "mia_ms")
    assert list(DeletionRequest.objects.all()) == [first]


def test_the_last_administrator_cannot_be_deleted(client_for):
    root = make_user("root", is_staff=True, is_superuser=True)
    response = client_for(root).post(
        "/api/v1/me/deletion", {"password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 409
    assert "last administrator" in response.json()["detail"]
    with pytest.raises(CommandError, match="last administrator"):
        call_command("privacy", "erase", "root", "--now")
    root.refresh_from_db()
    assert root.is_active and not DeletionRequest.objects.exists()
    make_user("root2", is_staff=True, is_superuser=True)
    assert (
        client_for(root)
        .post("/api/v1/me/deletion", {"password": PASSWORD}, content_type="application/json")
        .status_code
        == 202
    )


def test_operator_erase_now_is_logged_and_the_log_survives_pseudonymised(
    mia, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("privacy", "erase", "mia_ms", "--now")
    assert not User.objects.filter(username="mia_ms").exists()
    action = OperatorAction.objects.get(action="erase_now")
    assert action.subject is None and action.subject_ref.startswith("user #")
    assert action.operator.startswith("cli")


def test_operator_erase_schedules_with_the_grace_period(mia, settings):
    settings.CROSSNOTE_DELETION_GRACE_DAYS = 3
    call_command("privacy", "erase", "mia_ms")
    request = DeletionRequest.objects.get(user=mia)
    assert timedelta(days=2, hours=23) < request.erase_after - timezone.now() <= timedelta(days=3)
    assert OperatorAction.objects.filter(action="erase", subject=mia).exists()


def test_the_sweeper_restarts_an_erasure_whose_thread_died(mia, django_capture_on_commit_callbacks):
    request = services.schedule_erasure(user=mia, via="test", grace_days=0)
    DeletionRequest.objects.filter(pk=request.pk).update(
        status="erasing", updated_at=timezone.now() - timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep(run=tasks.run_inline)
    request.refresh_from_db()
    assert request.status == "done" and not User.objects.filter(pk=mia.pk).exists()


def test_a_closed_accounts_notes_are_hidden_at_once_and_come_back_if_kept(
    mia, lin, make_note, client_for
):
    note = make_note(mia, title="Soon gone")
    services.schedule_erasure(user=mia, via="test")
    reader = client_for(lin)
    assert reader.get(f"/api/v1/notes/{note.pk}").status_code == 404
    assert note.pk not in [n["id"] for n in reader.get("/api/v1/feeds/explore").json()["items"]]
    services.cancel_deletion(user=mia)
    assert reader.get(f"/api/v1/notes/{note.pk}").status_code == 200


def test_an_erased_moderators_name_leaves_the_audit_log_but_their_actions_stay(
    django_capture_on_commit_callbacks,
):
    from crossnote.moderation import data_rights
    from crossnote.moderation.models import AuditEntry, ModeratorScope
    from crossnote.moderation.services.enforcement import audit

    moderator = make_user("mod_quill")
    ModeratorScope.objects.create(user=moderator, regions=["US"])
    audit(moderator, "remove", "note:41", before={"status": "published"})
    exported = data_rights.export(moderator, {})["moderation"]
    assert exported["actions_taken_as_moderator"][0]["target"] == "note:41"
    assert exported["moderator_scope"] == {"regions": ["US"]}

    with django_capture_on_commit_callbacks(execute=True):
        call_command("privacy", "erase", "mod_quill", "--now")
    entry = AuditEntry.objects.get(target="note:41")
    assert entry.action == "remove" and entry.actor is None
    assert entry.actor_name == "erased account"
    assert not AuditEntry.objects.filter(actor_name="mod_quill").exists()
