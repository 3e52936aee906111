"""Privacy fixtures: background tasks run inline, archives in a temporary folder, and a person
with data in every feature, each text carrying a unique marker the erasure scanner looks for."""

import secrets

import pytest

from tests.conftest import make_user, upload


@pytest.fixture(autouse=True)
def _tmp_exports(settings, tmp_path):
    """Archives in a temporary folder (tasks queued after commit run inline: tests/conftest)."""
    settings.CROSSNOTE_EXPORTS_DIR = tmp_path / "exports"


@pytest.fixture
def marker():
    """A string that appears nowhere but in the person's own data."""
    return f"zq{secrets.token_hex(5)}"


def _decision_about(user, marker):
    from crossnote.moderation.models import Decision

    return Decision.objects.create(
        kind="comment",
        object_id=1,
        author=user,
        action="label",
        category="insult",
        signals=[
            {
                "layer": "terms",
                "category": "insult",
                "score": 1.0,
                "rule": "terms:test#1",
                "spans": [{"start": 0, "end": 12, "text": f"{marker}spam"}],
                "detail": "",
            }
        ],
        statement=f"Action: label. Evidence: “{marker}spam”.",
    )


def _appeal_review_and_report(subject, other, decision, marker, theirs):
    from crossnote.moderation.models import Appeal, Report, ReviewItem

    Appeal.objects.create(decision=decision, author=subject, text=f"Please look {marker}apl")
    ReviewItem.objects.create(
        kind="comment",
        object_id=1,
        author=subject,
        source="automated",
        content_text=f"{marker}spam reviewed",
    )
    Report.objects.create(
        reporter=subject,
        kind="note",
        object_id=theirs.pk,
        reason="spam",
        text=f"Looks like spam {marker}rpt",
    )


def _searches_interests_application_and_suspension(subject, marker):
    from crossnote.feeds.models import TopicInterest
    from crossnote.moderation.models import Suspension
    from crossnote.notes.models import Topic
    from crossnote.search.services import record_search
    from crossnote.security.models import SignupApplication

    record_search(user=subject, query=f"cats {marker}q")
    TopicInterest.objects.create(user=subject, topic=Topic.objects.get(name="cats"))
    SignupApplication.objects.create(
        user=subject, username=subject.username, reason=f"I draw cats {marker}why"
    )
    Suspension.objects.create(user=subject, until=None, lifted=True)


@pytest.fixture
def rich_user(db, marker, make_note, django_capture_on_commit_callbacks, client_for):
    """`subject`: someone with data in every feature; `other`: a neighbour who interacts."""
    from crossnote.accounts.services import set_avatar
    from crossnote.language.models import Translation, TranslationReport
    from crossnote.language.services import _hash
    from crossnote.moderation.services import acknowledge_guidelines, withhold_note
    from crossnote.notes import services as notes
    from crossnote.privacy import services
    from crossnote.social import services as social

    with django_capture_on_commit_callbacks(execute=True):
        subject = make_user(
            "subject_p",
            email=f"{marker}@example.com",
            display_name=f"Sub {marker}dn",
            bio=f"I love cats {marker}bio",
            region="DE",
            languages=["en", "zh"],
        )
        other = make_user("other_p", display_name="Other", region="CN")
        third = make_user("third_p", display_name="Third", region="US")
        set_avatar(user=subject, upload=upload())
        acknowledge_guidelines(user=subject)
        services.assign_data_region(user=subject)
        mine = make_note(
            subject,
            title=f"My cat {marker}title",
            body=f"She sleeps all day {marker}body #cats",
            images=[upload(), upload()],
            alt_texts=[f"A cat {marker}alt"],
        )
        private = make_note(subject, title=f"Secret {marker}priv", visibility="private")
        theirs = make_note(other, title="Other's note", body="hello")
        hidden = make_note(third, title="Third private", visibility="private")
        comment = notes.add_comment(author=subject, note=theirs, body=f"Nice! {marker}cmt")
        notes.add_comment(author=other, note=theirs, body="thanks", parent=comment)
        notes.add_comment(author=other, note=mine, body="Cute cat from other")
        notes.add_comment(author=subject, note=mine, body=f"Thanks {marker}reply")
        notes.like_note(user=subject, note=theirs)
        notes.like_note(user=other, note=mine)
        notes.like_comment(user=subject, comment=theirs.comments.exclude(pk=comment.pk).first())
        notes.collect_note(user=subject, note=theirs)
        notes.collect_note(user=other, note=mine)
        board = notes.create_board(owner=subject, name=f"Board {marker}brd", is_private=True)
        notes.collect_note(user=subject, note=theirs, board=board)
        social.follow_user(follower=subject, followee=other)
        social.follow_user(follower=other, followee=subject)
        social.mute_user(muter=subject, muted=third)
        social.block_user(blocker=subject, blocked=make_user("pest_p"))
        withhold_note(note=mine, regions=["FR"], legal_basis="Court order 1")
        decision = _decision_about(subject, marker)
        _appeal_review_and_report(subject, other, decision, marker, theirs)
        for text in (mine.title, mine.body, f"Thanks {marker}reply", subject.bio):
            Translation.objects.create(
                text_hash=_hash(text),
                source="en",
                target="zh",
                backend="dictionary",
                text=f"译文 {marker}tr",
            )
        TranslationReport.objects.create(
            reporter=subject,
            source="zh",
            target="en",
            backend="dictionary",
            original="你好",
            translation="hello",
            reason=f"wrong {marker}rsn",
        )
        TranslationReport.objects.create(
            reporter=other,
            source="en",
            target="zh",
            backend="dictionary",
            original=mine.title,
            translation=f"译 {marker}rep",
            reason="bad",
        )
        _searches_interests_application_and_suspension(subject, marker)
        services.record_access(viewer=other, subjects=[subject], what="email", where="/admin/")
        client_for(subject)  # force_login does not log in through a backend
        services.record_login(user=subject)
    subject.refresh_from_db()
    other.refresh_from_db()
    return {
        "subject": subject,
        "other": other,
        "third": third,
        "mine": mine,
        "private": private,
        "theirs": theirs,
        "hidden": hidden,
        "comment": comment,
    }
