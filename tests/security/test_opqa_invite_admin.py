"""An operator adds an invite code in the admin: a number of uses outside 1 to 10,000 is a form
error on the field (it was a bare 400 page, the form lost), and the admin's actions on invite
codes and sign-up applications read in the operator's language."""

import pytest
from django.utils import translation

from crossnote.security import services
from crossnote.security.admin import SignupApplicationAdmin
from crossnote.security.models import InviteCode

pytestmark = pytest.mark.django_db
ADD = "/admin/security/invitecode/add/"


@pytest.mark.parametrize("uses", ["0", "10001"])
def test_uses_out_of_range_are_a_form_error(admin_client, uses):
    response = admin_client.post(ADD, {"max_uses": uses, "note": "for the meetup"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "An invite allows 1 to 10,000 uses." in page
    assert 'value="for the meetup"' in page  # the form is kept
    assert not InviteCode.objects.exists()


def test_an_invite_in_range_is_made_by_the_service(admin_client, admin_user):
    response = admin_client.post(ADD, {"max_uses": "5", "note": "meetup"})

    assert response.status_code == 302
    invite = InviteCode.objects.get()
    assert (invite.max_uses, invite.note, invite.created_by) == (5, "meetup", admin_user)
    assert len(invite.code) >= 8


def test_the_admin_actions_read_in_chinese(admin_client):
    services.create_invite(max_uses=1)  # the action menu shows where there are rows
    admin_client.cookies["django_language"] = "zh-hans"
    invites = admin_client.get("/admin/security/invitecode/").content.decode()

    assert "作废所选的邀请码" in invites
    with translation.override("zh-hans"):
        actions = (
            SignupApplicationAdmin.approve.short_description,
            SignupApplicationAdmin.reject.short_description,
        )
        assert [str(a) for a in actions] == ["批准所选的注册申请", "拒绝所选的注册申请"]
