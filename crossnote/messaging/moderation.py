"""Safety for messages from strangers: the moderation pipeline and scam signals.

Messages between people who follow each other are not screened (unless reported). For a message
to someone who does not follow its sender, the same pipeline as notes and comments runs (policies
for comments apply): `remove` refuses the message, `hold`/`limit`/`withhold` deliver it with a
warning, `label` behind a content warning. Nothing is queued for moderators automatically:
moderators see messages only when a participant reports them (crossnote.messaging.reports).
"""

from django.utils.translation import gettext as _

from crossnote.core.errors import ContentBlocked
from crossnote.messaging.models import Message
from crossnote.messaging.scam import SCAM_CATEGORY, scam_signals
from crossnote.moderation.models import Action
from crossnote.moderation.services import category_name, screen_text


def screen_message(*, sender, body: str) -> dict:
    """Model fields describing how a stranger's message is shown; raises when it is refused."""
    signals, verdict = screen_text(body, kind="comment", author=sender)
    if verdict.action == Action.REMOVE:
        raise ContentBlocked(
            _("This message was not sent: it appears to break our guideline on %(category)s.")
            % {"category": category_name(verdict.category)}
        )
    found = scam_signals(body)
    if any(s.category == SCAM_CATEGORY and s.score >= 0.5 for s in signals) and not found:
        found = ["payment"]
    if verdict.action == Action.LABEL:
        safety = Message.Safety.LABELLED
    elif verdict.acts or found:
        safety = Message.Safety.WARN
    else:
        safety = Message.Safety.CLEAR
    return {"safety": safety, "scam_signals": found}
