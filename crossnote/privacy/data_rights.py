"""Privacy's own part of a person's export and erasure (crossnote.core.data_rights): their
log-in history, who among the staff looked at their data (GDPR Art. 15(1)(c)), and what
operators did to their account, under `security` of data.json.

Erasure: log-ins, the access log about them and their export archives (rows and files) go;
operator actions and the deletion request stay as pseudonymous receipts (`subject_ref`, no
account: the deletion sets it to none), proving what was done and when.
"""

from crossnote.core.data_rights import delete_files_after_commit, iso, register
from crossnote.privacy.exports import export_storage
from crossnote.privacy.models import (
    AccessLog,
    DeletionRequest,
    ExportRequest,
    LoginEvent,
    OperatorAction,
)

COVERS = tuple(
    model._meta.label
    for model in (AccessLog, DeletionRequest, ExportRequest, LoginEvent, OperatorAction)
)


def export(user, media: dict[str, str]) -> dict:
    return {
        "security": {
            "logins": [
                {"at": iso(e.at), "ip": e.ip, "user_agent": e.user_agent}
                for e in LoginEvent.objects.filter(user=user)
            ],
            "access_log": [
                {"viewer": a.viewer_name, "what": a.what, "where": a.where, "at": iso(a.at)}
                for a in AccessLog.objects.filter(subject=user)
            ],
            "operator_actions": [
                {"operator": o.operator, "action": o.action, "detail": o.detail, "at": iso(o.at)}
                for o in OperatorAction.objects.filter(subject=user)
            ],
        }
    }


def erase(user) -> None:
    LoginEvent.objects.filter(user=user).delete()
    AccessLog.objects.filter(subject=user).delete()
    exports = ExportRequest.objects.filter(user=user)
    names = list(exports.exclude(file_name="").values_list("file_name", flat=True))
    exports.delete()
    delete_files_after_commit(names, storage=export_storage())


register("privacy", order=90, export=export, erase=erase, covers=COVERS)
