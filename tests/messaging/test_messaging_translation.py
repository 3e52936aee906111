"""Translation in conversations: private message text never reaches a remote engine unless the
operator allows it (contract test against a recording fake remote engine), auto-translation per
conversation, and the engine named in the answer."""

import pytest

from crossnote.language import backends
from crossnote.language.backends.base import BackendInfo, TranslationBackend
from crossnote.messaging import services

pytestmark = pytest.mark.django_db
JSON = "application/json"


class RecordingRemote(TranslationBackend):
    """A remote engine that records every segment it is sent (and translates to a marker)."""

    info = BackendInfo(name="recording", label="Recording Cloud", is_local=False)
    received: list[str] = []

    def supports(self, source, target):
        return True

    def translate_batch(self, segments, source, target):
        RecordingRemote.received.extend(segments)
        return [f"[{target}] {s}" for s in segments]


@pytest.fixture
def remote_first(settings, monkeypatch):
    """The recording remote engine first in the chain, the local dictionary gloss after it."""
    monkeypatch.setitem(backends.REGISTRY, "recording", f"{__name__}.RecordingRemote")
    monkeypatch.setattr(backends, "_instances", {})
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["recording", "dictionary"]
    settings.CROSSNOTE_TRANSLATION_REMOTE_PRIVATE = False
    RecordingRemote.received = []
    return RecordingRemote


def test_private_text_never_reaches_a_remote_engine(remote_first, chat, friends, client_for):
    mia, lin = friends
    message = services.send_message(sender=lin, conversation_id=chat.pk, body="我喜欢火锅和猫")
    response = client_for(mia).get(f"/api/v1/messages/{message.pk}/translation?target=en")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["engine_is_local"] and "hotpot" in body["text"]
    assert body["engine"] and body["engine"] != "Recording Cloud"
    # Automatic translation in the conversation takes the same private route.
    client_for(mia).put(
        f"/api/v1/conversations/{chat.pk}/settings", {"auto_translate": True}, content_type=JSON
    )
    listed = client_for(mia).get(f"/api/v1/conversations/{chat.pk}/messages?target=en").json()
    assert "hotpot" in listed["items"][0]["translation"]
    assert remote_first.received == []


def test_operator_may_allow_a_remote_engine_for_messages(remote_first, settings, chat, friends):
    mia, lin = friends
    settings.CROSSNOTE_TRANSLATION_REMOTE_PRIVATE = True
    message = services.send_message(sender=lin, conversation_id=chat.pk, body="今天很开心")
    result = services.translate_message(user=mia, message_id=message.pk, target="en")
    assert result.backend == "recording" and remote_first.received


def test_only_participants_can_translate(chat, friends, wang):
    from crossnote.core.errors import NotFound

    _mia, lin = friends
    message = services.send_message(sender=lin, conversation_id=chat.pk, body="秘密")
    with pytest.raises(NotFound):
        services.translate_message(user=wang, message_id=message.pk, target="en")


def test_auto_translation_is_per_conversation_and_keeps_the_original(
    settings, chat, friends, client_for
):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]
    mia, lin = friends
    services.send_message(sender=lin, conversation_id=chat.pk, body="我喜欢猫")
    services.send_message(sender=mia, conversation_id=chat.pk, body="I like cats too")
    url = f"/api/v1/conversations/{chat.pk}/messages?target=en"
    before = client_for(mia).get(url).json()["items"]
    assert before[0]["translation"] is None and before[0]["can_translate"]
    services.set_auto_translate(user=mia, conversation_id=chat.pk, on=True)
    after = client_for(mia).get(url).json()["items"]
    assert after[0]["body"] == "我喜欢猫" and "cat" in after[0]["translation"]
    assert after[0]["translation_engine"]
    assert after[1]["translation"] is None  # my own messages are never translated for me
    # Lin did not turn it on: her view is untouched.
    lin_view = client_for(lin).get(f"/api/v1/conversations/{chat.pk}/messages?target=zh")
    assert all(item["translation"] is None for item in lin_view.json()["items"])


def test_translation_of_an_unknown_language_is_a_400(chat, friends, client_for):
    mia, lin = friends
    message = services.send_message(sender=lin, conversation_id=chat.pk, body="你好")
    response = client_for(mia).get(f"/api/v1/messages/{message.pk}/translation?target=xx")
    assert response.status_code == 400
