"""A person's export holds the messages they reported (their words to the moderators), and
erasure removes those reports."""

from crossnote.messaging import data_rights
from crossnote.messaging.models import MessageReport
from crossnote.messaging.reports import report_messages
from crossnote.messaging.services import send_message


def test_reports_filed_are_in_the_reporters_export_and_go_with_erasure(chat, mia, lin):
    message = send_message(sender=mia, conversation_id=chat.pk, body="buy followers here")
    report_messages(
        reporter=lin,
        conversation_id=chat.pk,
        message_ids=[message.pk],
        reason="spam",
        text="she keeps selling followers",
    )
    exported = data_rights.export_messages(lin)["reports_filed"]
    assert exported == [
        {
            "conversation": chat.pk,
            "messages": [message.pk],
            "reason": "spam",
            "text": "she keeps selling followers",
            "created_at": exported[0]["created_at"],
        }
    ]
    assert data_rights.export_messages(mia)["reports_filed"] == []
    data_rights.erase(lin)
    assert not MessageReport.objects.filter(reporter=lin).exists()
