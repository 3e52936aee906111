"""What one person sees of a conversation: each message with its reply quote, the automatic
translation (when that person turned it on), a calm scam warning in their language for messages
from people they don't follow, and who has read what (when read receipts are shared both ways)."""

from dataclasses import dataclass, field

from django.utils import translation

from crossnote.core.errors import DomainError
from crossnote.language.services import normalise_target, translate_text, wants_translation
from crossnote.messaging import selectors
from crossnote.messaging.models import Message, Participant
from crossnote.messaging.policies import preferences_of
from crossnote.messaging.scam import warning_lines


@dataclass
class MessageView:
    message: Message
    mine: bool
    warnings: list[str] = field(default_factory=list)
    translation: str | None = None
    translation_engine: str = ""
    translation_is_gloss: bool = False
    can_translate: bool = False
    read_by: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            **selectors.message_payload(self.message),
            "mine": self.mine,
            "warnings": self.warnings,
            "translation": self.translation,
            "translation_engine": self.translation_engine or None,
            "can_translate": self.can_translate,
            "read_by": self.read_by,
        }


def target_language(user, ui_language: str | None = None) -> str:
    """The language `user` reads messages in: the page's language, else the first they speak."""
    for code in (ui_language, *(user.languages or []), "en"):
        try:
            return normalise_target(code or "")
        except DomainError:
            continue
    return "en"


def _auto_translation(view: MessageView, target: str) -> None:
    message = view.message
    try:
        result = translate_text(message.body, target, private=True)
    except DomainError:
        return
    if not result.unchanged:
        view.translation = result.text
        view.translation_engine = result.backend_label
        view.translation_is_gloss = result.is_gloss


def present(viewer, participant: Participant, messages: list[Message], *, target: str) -> list:
    """MessageViews of `messages` for `viewer` (their row in the conversation: `participant`)."""
    conversation = participant.conversation
    senders = {m.sender for m in messages if m.sender_id != viewer.pk}
    followed = selectors.followed_among(viewer, senders)
    shares = preferences_of(viewer).read_receipts
    positions = selectors.read_positions(conversation, viewer, viewer_shares=shares)
    names = dict(conversation.participants.values_list("user_id", "user__username"))
    views = []
    for message in messages:
        mine = message.sender_id == viewer.pk
        view = MessageView(message=message, mine=mine)
        has_text = bool(message.body.strip()) and not message.is_unsent
        if not mine and has_text:
            language = message.language
            view.can_translate = wants_translation([target], language) or not language
            if message.sender_id not in followed and message.scam_signals:
                with translation.override(_ui_code(target)):
                    view.warnings = warning_lines(message.scam_signals)
            if participant.auto_translate and wants_translation([target], language):
                _auto_translation(view, target)
        if mine:
            view.read_by = [
                names[uid] for uid, last in positions.items() if last >= message.pk and uid in names
            ]
        views.append(view)
    return views


def _ui_code(target: str) -> str:
    return "zh-hans" if target == "zh" else "en"
