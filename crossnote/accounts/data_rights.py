"""The account's own part of a person's export and erasure (crossnote.core.data_rights): the
profile with its avatar, and the API tokens (names and prefixes, never the secret's hash).

Erasure: the avatar file goes after the commit and the tokens go; the account row itself goes
last, in privacy.erasure, once every other part has run.
"""

from pathlib import Path

from crossnote.accounts.models import ApiToken
from crossnote.core.data_rights import delete_files_after_commit, iso, register

COVERS = ("accounts.User", "accounts.ApiToken")


def _profile(user, media: dict[str, str]) -> dict:
    avatar = None
    if user.avatar:
        avatar = f"media/avatar{Path(user.avatar.name).suffix}"
        media[avatar] = user.avatar.name
    return {
        "id": user.pk,
        "username": user.username,
        "email": user.email,
        "display_name": user.display_name,
        "bio": user.bio,
        "bio_language": user.bio_language,
        "region": str(user.region.code or "") if user.region else "",
        "languages": list(user.languages),
        "data_region": user.data_region,
        "auto_translate": user.auto_translate,
        "comment_permission": user.comment_permission,
        "discoverable": user.discoverable,
        "hide_region": user.hide_region,
        "avatar": avatar,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "is_staff": user.is_staff,
    }


def export(user, media: dict[str, str]) -> dict:
    tokens = ApiToken.objects.filter(user=user)
    return {
        "profile": _profile(user, media),
        "security": {
            "api_tokens": [
                {
                    "name": t.name,
                    "prefix": t.prefix,
                    "created_at": iso(t.created_at),
                    "last_used_at": iso(t.last_used_at),
                }
                for t in tokens
            ]
        },
    }


def erase(user) -> None:
    ApiToken.objects.filter(user=user).delete()
    delete_files_after_commit([user.avatar.name] if user.avatar else [])


register("accounts", order=10, export=export, erase=erase, covers=COVERS)
