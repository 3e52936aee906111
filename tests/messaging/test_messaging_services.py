"""Conversations, requests, who may message me, blocks, unsend, delete-for-me, read receipts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crossnote.core.errors import InvalidInput, NotFound, PermissionDenied, RateLimited
from crossnote.messaging import selectors, services
from crossnote.messaging.models import Conversation, Message, Participant
from crossnote.messaging.timeline import present
from crossnote.social.services import block_user, follow_user
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_two_people_have_one_direct_conversation(friends):
    mia, lin = friends
    first = services.start_conversation(sender=mia, recipients=[lin])
    again = services.start_conversation(sender=lin, recipients=[mia])
    assert first.pk == again.pk
    assert Conversation.objects.count() == 1
    assert set(first.participants.values_list("state", flat=True)) == {"active"}


def test_a_stranger_lands_in_requests_until_accepted(mia, lin):
    conversation = services.start_conversation(sender=mia, recipients=[lin])
    services.send_message(sender=mia, conversation_id=conversation.pk, body="Hi Lin!")
    assert list(selectors.conversations_for(lin)) == []
    requests = list(selectors.conversations_for(lin, requests=True))
    assert [r.conversation_id for r in requests] == [conversation.pk]
    assert selectors.request_count(lin) == 1
    assert selectors.unread_total(lin) == 0  # requests are counted apart from the inbox
    services.accept_request(user=lin, conversation_id=conversation.pk)
    assert [r.conversation_id for r in selectors.conversations_for(lin)] == [conversation.pk]
    assert selectors.unread_total(lin) == 1


def test_replying_to_a_request_accepts_it(mia, lin):
    conversation = services.start_conversation(sender=mia, recipients=[lin])
    services.send_message(sender=mia, conversation_id=conversation.pk, body="Hi")
    services.send_message(sender=lin, conversation_id=conversation.pk, body="你好")
    assert Participant.objects.get(conversation=conversation, user=lin).state == "active"


def test_a_declined_request_cannot_be_written_to_again(mia, lin):
    conversation = services.start_conversation(sender=mia, recipients=[lin])
    services.decline_request(user=lin, conversation_id=conversation.pk)
    with pytest.raises(PermissionDenied):
        services.send_message(sender=mia, conversation_id=conversation.pk, body="hello?")
    with pytest.raises(PermissionDenied):
        services.start_conversation(sender=mia, recipients=[lin])
    with pytest.raises(NotFound):
        services.send_message(sender=lin, conversation_id=conversation.pk, body="x")


def test_nobody_means_no_new_conversations(mia, lin):
    services.set_preferences(user=lin, who_may_message="nobody")
    follow_user(follower=lin, followee=mia)
    with pytest.raises(PermissionDenied, match="does not accept messages"):
        services.start_conversation(sender=mia, recipients=[lin])


def test_following_only_admits_people_i_follow(mia, lin, wang):
    services.set_preferences(user=lin, who_may_message="following")
    with pytest.raises(PermissionDenied, match="only from people they follow"):
        services.start_conversation(sender=mia, recipients=[lin])
    follow_user(follower=lin, followee=wang)
    conversation = services.start_conversation(sender=wang, recipients=[lin])
    assert conversation.participants.get(user=lin).state == "active"


def test_bad_preference_is_refused(mia):
    with pytest.raises(InvalidInput):
        services.set_preferences(user=mia, who_may_message="friends")


def test_a_block_ends_the_conversation_both_ways(chat, friends):
    mia, lin = friends
    services.send_message(sender=mia, conversation_id=chat.pk, body="hello")
    block_user(blocker=lin, blocked=mia)
    chat.refresh_from_db()
    assert chat.ended_at is not None
    for sender in (mia, lin):
        with pytest.raises(PermissionDenied, match="ended"):
            services.send_message(sender=sender, conversation_id=chat.pk, body="still there?")
    with pytest.raises(PermissionDenied):
        services.start_conversation(sender=mia, recipients=[lin])


def test_blocked_people_cannot_start_a_conversation(mia, lin):
    block_user(blocker=mia, blocked=lin)
    with pytest.raises(PermissionDenied):
        services.start_conversation(sender=lin, recipients=[mia])


def test_unsend_blanks_the_message_for_everyone_within_the_window(chat, friends, settings):
    mia, lin = friends
    message = services.send_message(sender=mia, conversation_id=chat.pk, body="oops wrong chat")
    with pytest.raises(PermissionDenied):
        services.unsend_message(user=lin, message_id=message.pk)
    services.unsend_message(user=mia, message_id=message.pk)
    message.refresh_from_db()
    assert message.is_unsent and message.body == ""
    payload = selectors.message_payload(message)
    assert payload["unsent"] and payload["body"] == ""


def test_unsend_window_closes(chat, friends, settings):
    mia, _lin = friends
    settings.CROSSNOTE_UNSEND_MINUTES = 15
    message = services.send_message(sender=mia, conversation_id=chat.pk, body="old news")
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    with pytest.raises(PermissionDenied, match="within 15 minutes"):
        services.unsend_message(user=mia, message_id=message.pk)


def test_delete_for_me_hides_only_for_me(chat, friends):
    mia, lin = friends
    message = services.send_message(sender=mia, conversation_id=chat.pk, body="keep or not")
    services.delete_for_me(user=lin, message_id=message.pk)
    assert selectors.messages_in(lin, chat.pk) == []
    assert [m.pk for m in selectors.messages_in(mia, chat.pk)] == [message.pk]


def test_only_participants_can_read_or_write(chat, wang):
    with pytest.raises(NotFound):
        services.send_message(sender=wang, conversation_id=chat.pk, body="let me in")
    with pytest.raises(NotFound):
        services.mark_read(user=wang, conversation_id=chat.pk)


def test_unread_counts_follow_the_read_position(chat, friends):
    mia, lin = friends
    for text in ("one", "two", "three"):
        last = services.send_message(sender=mia, conversation_id=chat.pk, body=text)
    assert selectors.unread_total(lin) == 3
    assert selectors.unread_total(mia) == 0
    row = selectors.conversations_for(lin).get()
    assert row.unread == 3
    services.mark_read(user=lin, conversation_id=chat.pk, up_to=last.pk - 1)
    assert selectors.unread_total(lin) == 1
    services.mark_read(user=lin, conversation_id=chat.pk)
    assert selectors.unread_total(lin) == 0


def _read_by(viewer, conversation, message):
    row = Participant.objects.select_related("conversation").get(
        user=viewer, conversation=conversation
    )
    return present(viewer, row, [message], target="en")[0].read_by


def test_read_receipts_can_be_turned_off_and_are_mutual(chat, friends):
    mia, lin = friends
    message = services.send_message(sender=mia, conversation_id=chat.pk, body="did you see?")
    services.mark_read(user=lin, conversation_id=chat.pk)
    assert _read_by(mia, chat, message) == ["lin_sh"]
    services.set_preferences(user=lin, read_receipts=False)
    assert _read_by(mia, chat, message) == []
    services.set_preferences(user=lin, read_receipts=True)
    services.set_preferences(user=mia, read_receipts=False)
    assert _read_by(mia, chat, message) == []  # no receipts for someone who sends none


def test_replies_must_quote_the_same_conversation(chat, friends, wang):
    mia, lin = friends
    follow_user(follower=wang, followee=mia)
    other = services.start_conversation(sender=mia, recipients=[wang])
    elsewhere = services.send_message(sender=mia, conversation_id=other.pk, body="elsewhere")
    first = services.send_message(sender=mia, conversation_id=chat.pk, body="question?")
    reply = services.send_message(
        sender=lin, conversation_id=chat.pk, body="answer", reply_to=first.pk
    )
    assert reply.reply_to_id == first.pk
    with pytest.raises(InvalidInput):
        services.send_message(sender=lin, conversation_id=chat.pk, body="x", reply_to=elsewhere.pk)


def test_empty_and_oversize_messages_are_refused(chat, friends):
    mia, _lin = friends
    with pytest.raises(InvalidInput):
        services.send_message(sender=mia, conversation_id=chat.pk, body="   ")
    with pytest.raises(InvalidInput):
        services.send_message(sender=mia, conversation_id=chat.pk, body="x" * 4001)


def test_groups_hold_up_to_twenty_people(mia):
    people = [make_user(f"member{i}") for i in range(20)]
    with pytest.raises(InvalidInput, match="at most 20"):
        services.start_conversation(sender=mia, recipients=people)
    group = services.start_conversation(sender=mia, recipients=people[:19], title="Cats")
    assert group.kind == "group" and group.participants.count() == 20
    # None of them follows Mia: the group waits in everyone's Requests.
    assert set(group.participants.exclude(user=mia).values_list("state", flat=True)) == {"request"}


def test_leaving_a_group(mia, lin, wang):
    group = services.start_conversation(sender=mia, recipients=[lin, wang])
    services.accept_request(user=lin, conversation_id=group.pk)
    services.leave_conversation(user=lin, conversation_id=group.pk)
    with pytest.raises(NotFound):
        services.send_message(sender=lin, conversation_id=group.pk, body="back")


def test_messages_to_strangers_are_rate_limited(mia, settings):
    settings.CROSSNOTE_STRANGER_MESSAGES_PER_HOUR = 3
    people = [make_user(f"stranger{i}") for i in range(4)]
    for person in people[:3]:
        conversation = services.start_conversation(sender=mia, recipients=[person])
        services.send_message(sender=mia, conversation_id=conversation.pk, body="hello")
    conversation = services.start_conversation(sender=mia, recipients=[people[3]])
    with pytest.raises(RateLimited) as caught:
        services.send_message(sender=mia, conversation_id=conversation.pk, body="hello")
    assert caught.value.status == 429 and caught.value.retry_after > 0
    assert not Message.objects.filter(conversation=conversation).exists()


def test_messages_between_friends_are_not_rate_limited(chat, friends, settings):
    mia, _lin = friends
    settings.CROSSNOTE_STRANGER_MESSAGES_PER_HOUR = 1
    for n in range(3):
        services.send_message(sender=mia, conversation_id=chat.pk, body=f"message {n}")
    assert Message.objects.filter(conversation=chat).count() == 3


def test_an_image_goes_through_the_safe_pipeline(chat, friends):
    from tests.conftest import gps_jpeg, upload

    mia, _lin = friends
    message = services.send_message(
        sender=mia, conversation_id=chat.pk, image=upload("cat.jpg", gps_jpeg())
    )
    assert message.image.name.startswith("messages/") and message.image.name.endswith(".webp")
    from PIL import Image

    with message.image.open("rb") as handle:
        image = Image.open(handle)
        assert image.format == "WEBP" and not image.getexif()


def test_a_file_that_is_not_an_image_is_refused(chat, friends):
    from crossnote.core.errors import DomainError
    from tests.conftest import upload

    mia, _lin = friends
    with pytest.raises(DomainError) as caught:
        services.send_message(
            sender=mia,
            conversation_id=chat.pk,
            image=upload("x.jpg", b"not an image at all", "image/jpeg"),
        )
    assert 400 <= caught.value.status < 500
    assert not Message.objects.exists()


def test_people_can_be_added_to_a_group_after_it_starts(mia, lin, wang):
    follow_user(follower=lin, followee=mia)
    group = services.start_conversation(sender=mia, recipients=[lin, wang], title="Hotpot")
    services.send_message(sender=mia, conversation_id=group.pk, body="Welcome!")
    sam, _kai = make_user("sam_ny"), make_user("kai_la")
    follow_user(follower=sam, followee=mia)
    added = services.add_members(
        user=mia, conversation_id=group.pk, usernames=["@sam_ny", "kai_la"]
    )
    states = {p.user.username: p.state for p in added}
    # Sam follows Mia: straight in; Kai does not: the group waits in Kai's Requests.
    assert states == {"sam_ny": "active", "kai_la": "request"}
    assert selectors.unread_total(sam) == 0  # what was said before is not "new" to Sam
    services.send_message(sender=sam, conversation_id=group.pk, body="Thanks!")
    # Already in: skipped; unknown name, a direct chat, a request not yet accepted: refused.
    assert services.add_members(user=mia, conversation_id=group.pk, usernames=["sam_ny"]) == []
    with pytest.raises(NotFound, match="@nobody_here"):
        services.add_members(user=mia, conversation_id=group.pk, usernames=["nobody_here"])
    with pytest.raises(PermissionDenied):
        services.add_members(user=wang, conversation_id=group.pk, usernames=["sam_ny"])
    direct = services.start_conversation(sender=mia, recipients=[lin])
    with pytest.raises(InvalidInput, match="groups only"):
        services.add_members(user=mia, conversation_id=direct.pk, usernames=["sam_ny"])


def test_adding_respects_blocks_choices_and_the_size_limit(mia, lin, wang):
    follow_user(follower=lin, followee=mia)
    group = services.start_conversation(sender=mia, recipients=[lin, wang])
    sam = make_user("sam_ny")
    block_user(blocker=sam, blocked=lin)
    with pytest.raises(PermissionDenied):  # Lin may not bring in someone who blocked Lin
        services.add_members(user=lin, conversation_id=group.pk, usernames=["sam_ny"])
    assert not group.participants.filter(user=sam).exists()
    services.leave_conversation(user=lin, conversation_id=group.pk)
    services.add_members(user=mia, conversation_id=group.pk, usernames=["lin_sh"])
    assert group.participants.get(user=lin).state == "active"  # asked back in
    crowd = [make_user(f"crowd{i}") for i in range(18)]
    with pytest.raises(InvalidInput, match="at most 20"):
        services.add_members(
            user=mia, conversation_id=group.pk, usernames=[p.username for p in crowd]
        )
    assert group.participants.count() == 3  # nothing half-added
