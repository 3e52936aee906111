"""Reports, the review queue, decisions, appeals, strikes and the audit log, through the API."""

import pytest
from django.utils import timezone

from crossnote.moderation.models import Appeal, AuditEntry, Decision, Report, ReviewItem, Strike
from crossnote.notes.models import ModerationState
from crossnote.notes.services import create_note
from tests.conftest import client_of, make_moderator, make_user, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def mod():
    user = make_moderator("mod_wang", region="CN", languages=["zh"])
    return user


@pytest.fixture
def senior():
    user = make_moderator(
        "senior_li", region="CN", languages=["zh", "en"], group="senior moderator"
    )
    return user


@pytest.fixture
def note(mia):
    return create_note(
        author=mia, title="Neighbours", body="They are such idiots, honestly", images=[upload()]
    )


def report(user, note, reason="harassment"):
    return client_of(user).post(
        "/api/v1/reports",
        {"kind": "note", "object_id": note.pk, "reason": reason, "text": "rude"},
        content_type=JSON,
    )


def test_a_report_queues_the_note_once_per_reader(lin, note):
    assert report(lin, note).status_code == 201
    again = report(lin, note)
    assert again.status_code == 409 and again.json()["detail"]
    assert Report.objects.count() == 1
    item = ReviewItem.objects.get()  # merged with the classifier's automated label, if any
    assert item.reports.count() == 1 and item.priority > 0
    assert item.source in ("report", "automated")


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"kind": "note", "object_id": 999999, "reason": "spam"}, 404),
        ({"kind": "planet", "object_id": 1, "reason": "spam"}, 400),
        ({"kind": "note", "object_id": 1, "reason": "i-just-dont-like-it"}, 400),
    ],
)
def test_bad_reports_are_clear_4xx(lin, payload, status, note):
    if payload["object_id"] == 1:
        payload = {**payload, "object_id": note.pk}
    response = client_of(lin).post("/api/v1/reports", payload, content_type=JSON)
    assert response.status_code == status and response.json()["detail"]


def test_reporting_a_deleted_note_is_a_404(lin, mia, note):
    from crossnote.notes.services import delete_note

    pk = note.pk
    delete_note(user=mia, note=note)
    note.pk = pk
    assert report(lin, note).status_code == 404


def test_only_moderators_see_the_queue(lin, mod, note):
    report(lin, note)
    assert client_of(lin).get("/api/v1/moderation/queue").status_code == 403
    items = client_of(mod).get("/api/v1/moderation/queue").json()
    assert [i["object_id"] for i in items] == [note.pk]


def test_item_shows_a_translation_into_the_moderators_language(lin, mod, note, settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]
    report(lin, note)
    item = ReviewItem.objects.get()
    detail = client_of(mod).get(f"/api/v1/moderation/queue/{item.pk}").json()
    assert detail["original"].startswith("Neighbours")
    assert detail["translation"] and any("\u4e00" <= c <= "\u9fff" for c in detail["translation"])
    assert detail["translation_engine"]


def test_claim_prevents_two_moderators_deciding_the_same_item(lin, mod, senior, note):
    report(lin, note)
    note.refresh_from_db()
    state = note.moderation
    item = ReviewItem.objects.get()
    assert client_of(mod).post(f"/api/v1/moderation/queue/{item.pk}/claim").status_code == 200
    other = client_of(senior)
    assert other.post(f"/api/v1/moderation/queue/{item.pk}/claim").status_code == 409
    decided = other.post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "remove", "reason": "insulting the neighbours"},
        content_type=JSON,
    )
    assert decided.status_code == 409
    note.refresh_from_db()
    assert note.moderation == state


def test_a_decision_applies_tells_the_author_and_reporter_and_is_audited(lin, mod, mia, note):
    report(lin, note)
    item = ReviewItem.objects.get()
    client = client_of(mod)
    response = client.post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "remove", "reason": "insulting the neighbours"},
        content_type=JSON,
    )
    assert response.status_code == 200 and response.json()["status"] == "decided"
    note.refresh_from_db()
    assert note.moderation == ModerationState.REMOVED
    decision = Decision.objects.get(automated=False)
    assert decision.moderator == mod and "insulting the neighbours" in decision.statement
    assert "appeal" in decision.statement.lower()
    assert mia.notifications.filter(verb="moderation").exists()
    assert lin.notifications.filter(verb="report_decided").exists()
    assert Report.objects.get().status == "decided"
    assert AuditEntry.objects.filter(actor=mod, action="decide:remove").exists()
    assert Strike.objects.filter(user=mia).count() == 1
    # Deciding again is refused and changes nothing.
    again = client.post(
        f"/api/v1/moderation/queue/{item.pk}/decide", {"action": "approve"}, content_type=JSON
    )
    assert again.status_code == 409
    note.refresh_from_db()
    assert note.moderation == ModerationState.REMOVED


def test_approving_an_automated_hold_restores_the_content_and_records_disagreement(lin, mod):
    held = create_note(author=lin, title="吐槽", body="楼上那个傻逼又在装修", images=[upload()])
    held.refresh_from_db()
    assert held.moderation == ModerationState.HELD
    item = ReviewItem.objects.get(object_id=held.pk)
    assert item.source == "automated" and item.suggested_action == "hold"
    client_of(mod).post(
        f"/api/v1/moderation/queue/{item.pk}/decide", {"action": "approve"}, content_type=JSON
    )
    held.refresh_from_db()
    item.refresh_from_db()
    assert held.moderation == ModerationState.VISIBLE
    assert item.agreed_with_ai is False


def test_escalation_goes_to_a_senior_moderator(lin, mod, senior, note):
    report(lin, note)
    item = ReviewItem.objects.get()
    client_of(mod).post(
        f"/api/v1/moderation/queue/{item.pk}/decide", {"action": "escalate"}, content_type=JSON
    )
    item.refresh_from_db()
    assert item.needs_senior and item.status == "open"
    assert client_of(mod).get("/api/v1/moderation/queue").json() == []
    assert client_of(mod).post(f"/api/v1/moderation/queue/{item.pk}/claim").status_code == 403
    assert [i["id"] for i in client_of(senior).get("/api/v1/moderation/queue").json()] == [item.pk]


def decided(lin, mod, note, action="remove"):
    report(lin, note)
    item = ReviewItem.objects.get(object_id=note.pk, appeal__isnull=True)
    client_of(mod).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": action, "reason": "insulting the neighbours"},
        content_type=JSON,
    )
    return Decision.objects.get(automated=False, on_appeal=False)


def test_appeal_goes_to_a_different_senior_moderator_and_a_reversal_restores(
    lin, mod, senior, mia, note
):
    decision = decided(lin, mod, note)
    author = client_of(mia)
    notices = author.get("/api/v1/moderation/notices").json()
    assert notices[0]["id"] == decision.pk and notices[0]["statement"]
    response = author.post(
        f"/api/v1/decisions/{decision.pk}/appeal",
        {"text": "They really were loud, but I'll rephrase."},
        content_type=JSON,
    )
    assert response.status_code == 201
    item = ReviewItem.objects.get(source="appeal")
    assert item.needs_senior and item.excluded_moderator == mod
    assert client_of(mod).post(f"/api/v1/moderation/queue/{item.pk}/claim").status_code == 403
    result = client_of(senior).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "reverse", "reason": "venting, not harassment"},
        content_type=JSON,
    )
    assert result.status_code == 200
    note.refresh_from_db()
    assert note.moderation == ModerationState.VISIBLE
    assert Appeal.objects.get().status == "reversed"
    assert Strike.objects.get(user=mia).lifted is True
    final = Decision.objects.get(on_appeal=True)
    assert "reversed" in final.statement
    # An appeal of an appeal is refused clearly.
    again = author.post(
        f"/api/v1/decisions/{final.pk}/appeal", {"text": "again"}, content_type=JSON
    )
    assert again.status_code == 400 and "final" in again.json()["detail"]


def test_appealing_twice_or_too_late_or_someone_elses_decision_is_refused(
    lin, mod, mia, note, settings
):
    decision = decided(lin, mod, note)
    author = client_of(mia)
    url = f"/api/v1/decisions/{decision.pk}/appeal"
    assert client_of(lin).post(url, {"text": "x"}, content_type=JSON).status_code == 404
    assert author.post(url, {"text": "please"}, content_type=JSON).status_code == 201
    assert author.post(url, {"text": "please"}, content_type=JSON).status_code == 409
    Appeal.objects.all().delete()
    Decision.objects.filter(pk=decision.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=400)
    )
    late = author.post(url, {"text": "late"}, content_type=JSON)
    assert late.status_code == 400 and "passed" in late.json()["detail"]


def test_a_moderator_cannot_decide_an_appeal_of_their_own_decision_even_as_senior(
    lin, senior, mia, note
):
    decision = decided(lin, senior, note)
    client_of(mia).post(
        f"/api/v1/decisions/{decision.pk}/appeal", {"text": "please"}, content_type=JSON
    )
    item = ReviewItem.objects.get(source="appeal")
    response = client_of(senior).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "uphold", "reason": "it insults them"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert Appeal.objects.get().status == "open"


def test_strikes_climb_the_ladder_to_suspension(lin, mod, mia, settings):
    settings.CROSSNOTE_STRIKE_LADDER = ["warn", "suspend"]
    mia.date_joined = timezone.now() - timezone.timedelta(days=60)
    mia.save()
    for title in ("one", "two"):
        note = create_note(author=mia, title=title, body="you idiots", images=[upload()])
        Report.objects.all().delete()
        report(lin, note)
        item = ReviewItem.objects.get(object_id=note.pk, status="open")
        client_of(mod).post(
            f"/api/v1/moderation/queue/{item.pk}/decide",
            {"action": "remove", "reason": "insulting the neighbours"},
            content_type=JSON,
        )
    mia.refresh_from_db()
    assert Strike.objects.filter(user=mia).count() == 2 and mia.is_active is False


def test_a_newcomers_first_strike_is_only_a_warning(lin, mod, mia, settings):
    settings.CROSSNOTE_STRIKE_LADDER = ["suspend"]
    note = create_note(author=mia, title="x", body="you idiots", images=[upload()])
    report(lin, note)
    item = ReviewItem.objects.get(object_id=note.pk, appeal__isnull=True)
    client_of(mod).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "remove", "reason": "insulting the neighbours"},
        content_type=JSON,
    )
    mia.refresh_from_db()
    assert mia.is_active is True


def test_the_audit_log_cannot_be_edited_or_deleted(mod):
    from crossnote.moderation.services import audit

    entry = audit(mod, "test", "x:1")
    entry.action = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    admin = make_user("root", is_staff=True, is_superuser=True)
    client = client_of(admin)
    change = client.post(f"/admin/moderation/auditentry/{entry.pk}/change/", {"action": "x"})
    assert change.status_code in (403, 200)
    assert AuditEntry.objects.get(pk=entry.pk).action == "test"
    assert (
        client.post(f"/admin/moderation/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )


class _RecordingRemote:
    """A remote engine that records what it is sent (contract: language.backends.base)."""

    received: list[str] = []

    @classmethod
    def make(cls):
        from crossnote.language.backends.base import BackendInfo, TranslationBackend

        class Recording(TranslationBackend):
            info = BackendInfo(name="recording", label="Recording Cloud", is_local=False)

            def supports(self, source, target):
                return True

            def translate_batch(self, segments, source, target):
                cls.received.extend(segments)
                return [f"[{target}] {s}" for s in segments]

        return Recording


RecordingRemote = _RecordingRemote.make()


def test_a_reported_comment_under_a_followers_only_note_is_translated_only_locally(
    lin, mod, mia, settings, monkeypatch
):
    from crossnote.language import backends
    from crossnote.notes.services import add_comment
    from crossnote.social.services import follow_user

    monkeypatch.setitem(backends.REGISTRY, "recording", f"{__name__}.RecordingRemote")
    monkeypatch.setattr(backends, "_instances", {})
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["recording", "dictionary"]
    _RecordingRemote.received = []
    follow_user(follower=lin, followee=mia)
    hidden = create_note(
        author=mia,
        title="Family",
        body="Only for friends",
        images=[upload()],
        visibility="followers",
    )
    comment = add_comment(note=hidden, author=lin, body="What idiots your neighbours are")
    client_of(mia).post(
        "/api/v1/reports",
        {"kind": "comment", "object_id": comment.pk, "reason": "harassment", "text": "rude"},
        content_type=JSON,
    )
    item = ReviewItem.objects.get(kind="comment")
    detail = client_of(mod).get(f"/api/v1/moderation/queue/{item.pk}").json()
    assert detail["translation"] and _RecordingRemote.received == []
