"""Security's part of a person's erasure (crossnote.core.data_rights): every session of the
account ends (sessions.end_all_sessions, which also revokes API tokens), and a sign-up
application of theirs (username, reason to join) goes. Invite codes an account created stay for
the operator, without the account (created_by is set to none).

Export: the application's reason is theirs, under `security.signup_application`; the session
index holds only keys.
"""

from crossnote.core.data_rights import iso, register
from crossnote.security.models import AccountSession, InviteCode, SignupApplication
from crossnote.security.sessions import end_all_sessions

COVERS = tuple(model._meta.label for model in (AccountSession, InviteCode, SignupApplication))


def export(user, media: dict[str, str]) -> dict:
    application = SignupApplication.objects.filter(user=user).first()
    if application is None:
        return {"security": {"signup_application": None}}
    return {
        "security": {
            "signup_application": {
                "username": application.username,
                "reason": application.reason,
                "status": application.status,
                "created_at": iso(application.created_at),
                "decided_at": iso(application.decided_at),
            }
        }
    }


def erase(user) -> None:
    end_all_sessions(user)
    SignupApplication.objects.filter(user=user).delete()


register("security", order=100, export=export, erase=erase, covers=COVERS)
