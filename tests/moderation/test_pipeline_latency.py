"""What moderation adds to posting a note stays small (issue 17: p99 ≤ 5 ms): the lists' version is
read once per note, the image check reads nothing while the image list is empty, the layers are
loaded before the first post, and caching never keeps a changed term list or policy from taking
effect on the very next note."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossnote.moderation import pipeline
from crossnote.moderation.engine import forget_policies
from crossnote.moderation.models import Decision, Policy, Term, TermList
from crossnote.moderation.services import moderate_content
from crossnote.notes.models import ModerationState, Note
from crossnote.notes.services import create_note
from tests.conftest import upload

pytestmark = pytest.mark.django_db


def _queries_of(call) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        call()
    return [q["sql"] for q in captured.captured_queries]


def test_a_plain_note_costs_moderation_two_reads_and_no_writes(mia):
    note = create_note(author=mia, title="周末", body="今天的火锅太好吃了", images=[upload()])
    queries = _queries_of(lambda: moderate_content(obj=note, kind="note", author=mia))
    # The lists' version and the policies, both from the cache; nothing about the note's images
    # while no image is on a hash list, and nothing written for a note nobody needs to see.
    assert len(queries) <= 2, queries
    assert not [q for q in queries if "notes_noteimage" in q]
    assert not [q for q in queries if q.lstrip().upper().startswith(("INSERT", "UPDATE"))]


def test_the_image_check_before_storing_reads_no_policy_when_nothing_matches(mia):
    from crossnote.core.images import verify_image
    from crossnote.moderation.services import screen_images

    processed = [verify_image(upload())]
    queries = _queries_of(lambda: screen_images(images=processed, author=mia))
    assert len(queries) <= 1, queries  # the lists' version only


def test_a_term_added_takes_effect_on_the_very_next_note(mia):
    calm = create_note(author=mia, title="t", body="the quokka smiled", images=[upload()])
    assert calm.moderation == ModerationState.VISIBLE  # the layers are built and cached now
    terms = TermList.objects.create(name="test words", category="hate", language="en")
    Term.objects.create(term_list=terms, term="quokka")
    pipeline.lists_changed()  # what the admin and the lists services call on a change
    held = create_note(author=mia, title="t", body="the quokka smiled again", images=[upload()])
    assert held.moderation == ModerationState.HELD
    assert Decision.objects.filter(kind="note", object_id=held.pk, category="hate").exists()


def test_a_policy_turned_off_takes_effect_on_the_very_next_note(mia):
    first = create_note(author=mia, title="赚钱", body="兼职日结 刷单 加微信", images=[upload()])
    assert first.moderation == ModerationState.HELD
    acting = Decision.objects.get(kind="note", object_id=first.pk).policy
    Policy.objects.filter(pk=acting.pk).update(enabled=False)
    forget_policies()  # the admin's save does this
    again = create_note(author=mia, title="赚钱", body="兼职日结 刷单 加微信", images=[upload()])
    assert not Decision.objects.filter(kind="note", object_id=again.pk, policy=acting).exists()


def test_warm_loads_every_layer_so_the_first_note_builds_nothing(mia):
    pipeline._built.update(version=None, detectors=[])
    pipeline._image_bank.update(version=None, bank=None)
    assert pipeline.warm() >= 0
    version = pipeline.lists_version()
    queries = _queries_of(lambda: pipeline.run_text("hello there", language="en", version=version))
    assert queries == []  # no term list, hash list or classifier version read again
    assert _queries_of(lambda: pipeline.image_bank(version)) == []


def test_tests_and_commands_do_not_warm_in_the_background():
    from crossnote.language import warm_up

    assert not warm_up.is_server_process()
    assert pipeline._warm_thread is None


def test_a_held_note_is_held_in_the_transaction_that_creates_it(mia):
    """Nobody sees a held note, not even for a moment: its state is written before the note's
    transaction commits, so no reader ever finds the row visible."""
    from django.db import transaction

    with transaction.atomic():
        create_note(author=mia, title="赚钱", body="兼职日结 刷单 加微信", images=[upload()])
        # Still inside the transaction, before any commit: the row is held already.
        assert Note.objects.get(title="赚钱").moderation == ModerationState.HELD


def test_the_open_item_about_content_is_found_through_its_index_not_the_queue(mia):
    """Every automated action and report looks for the open item about its content, inside the
    write transaction; SQLite must find it by (kind, object_id), not walk the open queue."""
    from crossnote.moderation import selectors
    from crossnote.moderation.models import ReviewItem

    ReviewItem.objects.bulk_create(
        ReviewItem(kind="note", object_id=i, author=mia, source="automated") for i in range(50)
    )
    with CaptureQueriesContext(connection) as captured:
        found = selectors.open_item_about("note", 7)
    assert found is not None and found.object_id == 7
    assert selectors.open_item_about("note", 500) is None
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + captured.captured_queries[0]["sql"])
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "reviewitem_content" in plan, plan
