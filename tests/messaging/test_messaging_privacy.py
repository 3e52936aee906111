"""Messages in the data export (both sides) and what an account erasure removes."""

import json

import jsonschema
import pytest

from crossnote.language.models import Translation
from crossnote.language.services import translate_text
from crossnote.messaging import services
from crossnote.messaging.models import Message, Participant
from crossnote.privacy import archive
from crossnote.privacy.erasure import erase_account
from tests.conftest import upload

pytestmark = pytest.mark.django_db


def _validate(data):
    schema = json.loads(archive.SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(json.loads(json.dumps(data)))


def test_messages_are_in_both_peoples_exports(chat, friends):
    mia, lin = friends
    services.send_message(sender=mia, conversation_id=chat.pk, body="from mia")
    services.send_message(sender=lin, conversation_id=chat.pk, body="from lin")
    gone = services.send_message(sender=lin, conversation_id=chat.pk, body="unsent one")
    services.unsend_message(user=lin, message_id=gone.pk)
    hidden = services.send_message(sender=mia, conversation_id=chat.pk, body="hidden by lin")
    services.delete_for_me(user=lin, message_id=hidden.pk)
    services.set_preferences(user=lin, who_may_message="following")
    for person in (mia, lin):
        data, _media = archive.collect_data(person)
        _validate(data)
        section = data["moderation"]["other"]["messages"]
        bodies = [m["body"] for c in section["conversations"] for m in c["messages"]]
        assert "from mia" in bodies and "from lin" in bodies and "unsent one" not in bodies
    assert "hidden by lin" not in bodies  # lin's export: deleted for her
    assert section["preferences"]["who_may_message"] == "following"


def test_erasure_removes_their_messages_and_cached_translations_only(
    chat, friends, settings, django_capture_on_commit_callbacks
):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]
    mia, lin = friends
    theirs = services.send_message(sender=lin, conversation_id=chat.pk, body="我喜欢火锅")
    picture = services.send_message(sender=lin, conversation_id=chat.pk, image=upload())
    mine = services.send_message(sender=mia, conversation_id=chat.pk, body="I love hotpot")
    translate_text(theirs.body, "en", private=True)
    assert Translation.objects.count() == 1
    from django.core.files.storage import default_storage

    assert default_storage.exists(picture.image.name)
    lin_id = lin.pk
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(lin)
    assert not Message.objects.filter(pk__in=[theirs.pk, picture.pk]).exists()
    assert Message.objects.filter(pk=mine.pk).exists()  # Mia keeps her own words
    assert not Participant.objects.filter(user_id=lin_id).exists()
    assert Translation.objects.count() == 0
    assert not default_storage.exists(picture.image.name)
