"""The inbox and the requests list: names without a stray comma, a flagged last message's preview
with its scam warning, relative times in one unit ("just now", never "0 分钟")."""

import re

import pytest

from crossnote.messaging import services
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
SCAM = "Congratulations! Move to Telegram to claim your prize, pay the fee in USDT"


@pytest.fixture
def prize(db):
    return make_user("prize_mgr", display_name="Prize Manager", region="US", languages=["en"])


def _request_from(sender, recipient, body):
    conversation = services.start_conversation(sender=sender, recipients=[recipient])
    services.send_message(sender=sender, conversation_id=conversation.pk, body=body)
    return conversation


def _people(html):
    return re.findall(r'<span class="dm-people">(.*?)</span>', html)


def test_a_request_names_the_sender_without_a_trailing_comma(client_for, prize, lin):
    _request_from(prize, lin, "hello")
    html = client_for(lin).get("/messages/?tab=requests").content.decode()
    assert _people(html) == ["Prize Manager"]


def test_a_group_lists_the_others_comma_separated(client_for, mia, lin, wang):
    services.start_conversation(sender=mia, recipients=[lin, wang])
    html = client_for(wang).get("/messages/?tab=requests").content.decode()
    assert _people(html) == ["Mia, 小林"]


def test_a_scam_request_preview_carries_its_warning(client_for, prize, lin, mia):
    _request_from(prize, lin, SCAM)
    _request_from(mia, lin, "Your cat is adorable!")
    html = client_for(lin).get("/messages/?tab=requests").content.decode()
    items = re.findall(r'<li class="dm-item.*?</li>', html, re.S)
    scam = next(i for i in items if "Prize Manager" in i)
    kind = next(i for i in items if "Mia" in i)
    assert 'data-testid="preview-scam-warning"' in scam and "claim your prize" in scam
    assert "preview-scam-warning" not in kind


def test_the_warning_speaks_the_readers_language_and_the_sender_sees_none(client_for, prize, lin):
    _request_from(prize, lin, SCAM)
    client = client_for(lin)
    client.cookies["django_language"] = "zh-hans"
    html = client.get("/messages/?tab=requests").content.decode()
    assert "⚠ 可能是诈骗" in html
    assert "preview-scam-warning" not in client_for(prize).get("/messages/").content.decode()


def test_a_message_just_sent_reads_just_now_not_zero_minutes(client_for, prize, lin):
    _request_from(prize, lin, "hello")
    client = client_for(lin)
    client.cookies["django_language"] = "zh-hans"
    html = client.get("/messages/?tab=requests").content.decode()
    when = re.findall(r'<span class="muted small dm-when">(.*?)</span>', html)
    assert when == ["刚刚"] and "0 分钟" not in html
