"""REST endpoints for messages: the same operations as the pages and the WebSocket."""

from django.utils.translation import get_language
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from crossnote.accounts.auth import REQUIRED
from crossnote.language.backends import get_backend
from crossnote.language.services import normalise_target
from crossnote.messaging import policies, reports, selectors, services, timeline
from crossnote.messaging.schemas import (
    ConversationIn,
    ConversationOut,
    ConversationPage,
    CountsOut,
    MembersIn,
    MessageForm,
    MessageOut,
    MessagePage,
    MessageReportIn,
    MessageReportOut,
    MessageTranslationOut,
    OkOut,
    PreferencesIn,
    PreferencesOut,
    ReadIn,
    ReadOut,
    SettingsIn,
)

router = Router(tags=["messages"])


def conversation_out(row, viewer) -> dict:
    conversation = row.conversation
    people = [p.user for p in conversation.participants.all() if p.user_id != viewer.pk]
    return {
        "id": conversation.pk,
        "kind": conversation.kind,
        "title": conversation.title,
        "state": row.state,
        "people": people,
        "unread": getattr(row, "unread", None) or 0,
        "last_message_at": conversation.last_message_at,
        "ended": conversation.ended_at is not None,
        "auto_translate": row.auto_translate,
    }


def _row(user, conversation_id: int):
    policies.membership(user, conversation_id)
    row = selectors.conversations_for(user).filter(conversation_id=conversation_id).first()
    return row or selectors.conversations_for(user, requests=True).get(
        conversation_id=conversation_id
    )


@router.get("/messages/preferences", response=PreferencesOut, auth=REQUIRED)
def get_preferences(request):
    return policies.preferences_of(request.user)


@router.put("/messages/preferences", response=PreferencesOut, auth=REQUIRED)
def put_preferences(request, payload: PreferencesIn):
    """Who may message you (everyone / following / nobody) and whether you send read receipts."""
    return services.set_preferences(user=request.user, **payload.dict())


@router.get("/messages/unread", response=CountsOut, auth=REQUIRED)
def unread(request):
    return {
        "messages": selectors.unread_total(request.user),
        "requests": selectors.request_count(request.user),
    }


@router.get("/conversations", response=ConversationPage, auth=REQUIRED)
def conversations(request, requests: bool = False, limit: int = 50):
    """Your conversations, or (requests=true) message requests from people you don't follow."""
    rows = selectors.conversations_for(request.user, requests=requests)[: max(1, min(limit, 100))]
    return {
        "items": [conversation_out(row, request.user) for row in rows],
        "unread_total": selectors.unread_total(request.user),
        "requests": selectors.request_count(request.user),
    }


@router.post("/conversations", response={201: ConversationOut}, auth=REQUIRED)
def start(request, payload: ConversationIn):
    """Start a conversation (one username) or a group (several), with an optional first message."""
    conversation = services.open_conversation(
        sender=request.user, usernames=payload.recipients, title=payload.title, body=payload.body
    )
    return Status(201, conversation_out(_row(request.user, conversation.pk), request.user))


@router.post("/conversations/{conversation_id}/members", response=ConversationOut, auth=REQUIRED)
def add_members(request, conversation_id: int, payload: MembersIn):
    """Add people to a group you are in (20 people at most). Their choice of who may message
    them is respected: people who do not follow you find the group in their Requests."""
    services.add_members(
        user=request.user, conversation_id=conversation_id, usernames=payload.usernames
    )
    return conversation_out(_row(request.user, conversation_id), request.user)


@router.get("/conversations/{conversation_id}", response=ConversationOut, auth=REQUIRED)
def conversation(request, conversation_id: int):
    return conversation_out(_row(request.user, conversation_id), request.user)


@router.get("/conversations/{conversation_id}/messages", response=MessagePage, auth=REQUIRED)
def messages(
    request,
    conversation_id: int,
    after: int = 0,
    before: int = 0,
    limit: int = 50,
    target: str | None = None,
):
    """Messages oldest first: `after` (newer than an id, for polling) or `before` (older)."""
    row = policies.membership(request.user, conversation_id)
    items = selectors.messages_in(
        request.user, conversation_id, after=after, before=before, limit=max(1, min(limit, 200))
    )
    language = timeline.target_language(request.user, target or get_language())
    views = timeline.present(request.user, row, items, target=language)
    return {"items": [v.as_dict() for v in views], "last_read_id": row.last_read_id}


@router.post("/conversations/{conversation_id}/messages", response={201: MessageOut}, auth=REQUIRED)
def send(
    request,
    conversation_id: int,
    form: Form[MessageForm],
    image: File[UploadedFile] = None,  # type: ignore[assignment]  # ninja: an optional file
):
    """Send a message (multipart form): `body`, optional `reply_to` and one `image`."""
    message = services.send_message(
        sender=request.user,
        conversation_id=conversation_id,
        body=form.body,
        reply_to=form.reply_to,
        image=image,
    )
    row = policies.membership(request.user, conversation_id)
    language = timeline.target_language(request.user, get_language())
    view = timeline.present(request.user, row, [message], target=language)[0]
    return Status(201, view.as_dict())


@router.post("/conversations/{conversation_id}/read", response=ReadOut, auth=REQUIRED)
def read(request, conversation_id: int, payload: ReadIn):
    last = services.mark_read(
        user=request.user, conversation_id=conversation_id, up_to=payload.up_to
    )
    return {"last_read_id": last}


@router.post("/conversations/{conversation_id}/typing", response=OkOut, auth=REQUIRED)
def typing(request, conversation_id: int):
    services.typing(user=request.user, conversation_id=conversation_id)
    return {"ok": True}


@router.put("/conversations/{conversation_id}/settings", response=ConversationOut, auth=REQUIRED)
def settings(request, conversation_id: int, payload: SettingsIn):
    """Translate the others' messages into your language automatically (original one tap away)."""
    services.set_auto_translate(
        user=request.user, conversation_id=conversation_id, on=payload.auto_translate
    )
    return conversation_out(_row(request.user, conversation_id), request.user)


@router.post("/conversations/{conversation_id}/accept", response=ConversationOut, auth=REQUIRED)
def accept(request, conversation_id: int):
    services.accept_request(user=request.user, conversation_id=conversation_id)
    return conversation_out(_row(request.user, conversation_id), request.user)


@router.post("/conversations/{conversation_id}/decline", response=OkOut, auth=REQUIRED)
def decline(request, conversation_id: int):
    services.decline_request(user=request.user, conversation_id=conversation_id)
    return {"ok": True}


@router.post("/conversations/{conversation_id}/leave", response=OkOut, auth=REQUIRED)
def leave(request, conversation_id: int):
    services.leave_conversation(user=request.user, conversation_id=conversation_id)
    return {"ok": True}


@router.post(
    "/conversations/{conversation_id}/report", response={201: MessageReportOut}, auth=REQUIRED
)
def report(request, conversation_id: int, payload: MessageReportIn):
    """Report messages: moderators see only these and a few before them, and you are told so."""
    made = reports.report_messages(
        reporter=request.user,
        conversation_id=conversation_id,
        message_ids=payload.message_ids,
        reason=payload.reason,
        text=payload.text,
    )
    return Status(201, reports.report_summary(made))


@router.post("/messages/{message_id}/unsend", response=OkOut, auth=REQUIRED)
def unsend(request, message_id: int):
    """Take your message back for everyone (within CROSSNOTE_UNSEND_MINUTES)."""
    services.unsend_message(user=request.user, message_id=message_id)
    return {"ok": True}


@router.delete("/messages/{message_id}", response=OkOut, auth=REQUIRED)
def delete_for_me(request, message_id: int):
    """Delete a message for yourself only."""
    services.delete_for_me(user=request.user, message_id=message_id)
    return {"ok": True}


@router.get("/messages/{message_id}/translation", response=MessageTranslationOut, auth=REQUIRED)
def translate(request, message_id: int, target: str | None = None):
    """A message in your language; message text goes only to engines on this server unless the
    operator allows remote ones, and the answer names the engine."""

    if target:
        language = normalise_target(target)  # a language this server does not offer: 400
    else:
        language = timeline.target_language(request.user, get_language())
    result = services.translate_message(user=request.user, message_id=message_id, target=language)
    local = True if result.unchanged else get_backend(result.backend).info.is_local
    return {
        "text": result.text,
        "source": result.source,
        "target": result.target,
        "engine": result.backend_label,
        "engine_is_local": local,
        "is_gloss": result.is_gloss,
    }
