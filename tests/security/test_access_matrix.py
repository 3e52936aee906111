"""Access-control matrix: every URL pattern and every API operation, as anonymous, the owner,
another user, a user the owner blocked, a moderator and an admin, with the status each must get.

A route without a row fails the test: adding an endpoint means adding its row here. A row is one
line: method, route (the URL pattern as Django prints it, or the API path), the URL to request
(placeholders filled from the world below), and six statuses in ROLES order. Rows run in a
savepoint rolled back after each request, so a DELETE by one role does not change the next's.

To draft rows for new routes: `ACCESS_MATRIX_RECORD=1 pytest tests/security/test_access_matrix.py
-s` prints what each role gets now; check every status by hand before pasting.
"""

import copy
import functools
import os
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from crossnote.moderation.selectors import SUITE_CACHE_KEY
from tests.conftest import make_user, upload

ROLES = ("anonymous", "owner", "other", "blocked", "moderator", "admin")


@dataclass(frozen=True)
class Row:
    method: str
    route: str
    url: str
    expect: str  # six statuses, ROLES order
    data: dict | None = None
    json: bool = False
    label: str = ""
    remote: str = ""  # REMOTE_ADDR, when not the test client's 127.0.0.1


def P(method, route, url, expect, data=None, label="", remote=""):  # noqa: N802 - a page row
    return Row(method, route, url, expect, data, False, label, remote)


def A(method, path, expect, url=None, data=None, label=""):  # noqa: N802 - an API row
    return Row(method, f"/api/v1{path}", f"/api/v1{url or path}", expect, data, True, label)


# Placeholders: {public} {private} {followers} {withheld} notes of the owner; {comment} the
# owner's comment on {public}; {board} the owner's private board; {token} {export} the owner's;
# {item} a review item on {public}; {decision} a decision about {public}; {invite}
# {application}; {owner} {other} usernames.
# fmt: off
PAGES = [
    P("GET", "", "/", "200 200 200 200 200 200"),
    P("GET", "api/docs", "/api/docs", "200 200 200 200 200 200"),
    P("GET", "api/openapi.json", "/api/openapi.json", "200 200 200 200 200 200"),
    P("POST", "i18n/setlang/", "/i18n/setlang/", "302 302 302 302 302 302", {"language": "en"}),
    P("GET", "signup/", "/signup/", "200 302 302 302 302 302"),
    P("GET", "login/", "/login/", "200 302 302 302 302 302"),
    P("POST", "logout/", "/logout/", "302 302 302 302 302 302"),
    P("GET", "settings/", "/settings/", "302 200 200 200 200 200"),
    P("POST", "settings/avatar/", "/settings/avatar/", "302 302 302 302 302 302"),
    P("POST", "settings/password/", "/settings/password/", "302 302 302 302 302 302"),
    P("POST", "settings/tokens/", "/settings/tokens/", "302 302 302 302 302 302", {"name": "t"}),
    P("POST", "settings/tokens/<int:token_id>/revoke/", "/settings/tokens/{token}/revoke/", "302 302 302 302 302 302"),
    P("GET", "u/<str:username>/", "/u/{owner}/", "200 200 200 200 200 200"),
    P("GET", "notes/new/", "/notes/new/", "302 200 200 200 200 200"),
    P("GET", "notes/<int:pk>/", "/notes/{public}/", "200 200 200 404 200 200"),
    P("GET", "notes/<int:pk>/", "/notes/{private}/", "404 200 404 404 404 404", label="private"),
    P("GET", "notes/<int:pk>/", "/notes/{followers}/", "404 200 404 404 404 404", label="followers"),
    P("GET", "notes/<int:pk>/", "/notes/{withheld}/", "200 200 451 404 200 200", label="withheld in CN"),
    P("GET", "notes/<int:pk>/edit/", "/notes/{public}/edit/", "302 200 403 404 403 403"),
    P("POST", "notes/<int:pk>/delete/", "/notes/{public}/delete/", "302 302 403 404 403 403"),
    P("POST", "notes/<int:pk>/like/", "/notes/{public}/like/", "302 302 302 404 302 302"),
    P("POST", "notes/<int:pk>/like/", "/notes/{private}/like/", "302 302 404 404 404 404", label="private"),
    P("POST", "notes/<int:pk>/collect/", "/notes/{public}/collect/", "302 302 302 404 302 302"),
    P("POST", "notes/<int:pk>/comments/", "/notes/{public}/comments/", "302 302 302 404 302 302", {"body": "hi"}),
    P("GET", "notes/<int:pk>/comments/page/", "/notes/{public}/comments/page/?sort=new", "200 200 200 404 200 200"),
    P("GET", "notes/<int:pk>/comments/page/", "/notes/{private}/comments/page/", "404 200 404 404 404 404", label="private"),
    P("POST", "comments/<int:pk>/like/", "/comments/{comment}/like/", "302 302 302 404 302 302"),
    P("POST", "comments/<int:pk>/delete/", "/comments/{comment}/delete/", "302 302 403 404 403 403"),
    P("GET", "topics/<str:name>/", "/topics/cats/", "200 200 200 200 200 200"),
    P("POST", "boards/new/", "/boards/new/", "302 302 302 302 302 302", {"name": "b"}),
    P("GET", "boards/<int:pk>/", "/boards/{board}/", "404 200 404 404 404 404"),
    P("POST", "u/<str:username>/follow/", "/u/{owner}/follow/", "302 302 302 403 302 302"),
    P("GET", "notifications/", "/notifications/", "302 200 200 200 200 200"),
    P("GET", "following/", "/following/", "302 200 200 200 200 200"),
    P("GET", "notes/<int:pk>/translation/", "/notes/{public}/translation/?to=en", "200 200 200 404 200 200"),
    P("GET", "notes/<int:pk>/translation/", "/notes/{private}/translation/?to=en", "404 200 404 404 404 404", label="private"),
    P("POST", "notes/<int:pk>/translation/report/", "/notes/{public}/translation/report/?to=en", "302 302 302 404 302 302"),
    P("GET", "notes/<int:pk>/pinyin/", "/notes/{public}/pinyin/", "200 200 200 404 200 200"),
    P("GET", "notes/titles/translation/", "/notes/titles/translation/?ids={public}&to=en", "200 200 200 404 200 200"),
    P("GET", "notes/titles/translation/", "/notes/titles/translation/?ids={private}&to=en", "404 200 404 404 404 404", label="private"),
    P("GET", "notes/<int:pk>/comments/translation/", "/notes/{public}/comments/translation/?to=en", "200 200 200 404 200 200"),
    P("GET", "notes/<int:pk>/comments/translation/", "/notes/{private}/comments/translation/?to=en", "404 200 404 404 404 404", label="private"),
    P("GET", "comments/<int:pk>/translation/", "/comments/{comment}/translation/?to=en", "200 200 200 404 200 200"),
    P("POST", "comments/<int:pk>/translation/report/", "/comments/{comment}/translation/report/?to=en", "302 302 302 404 302 302"),
    P("GET", "u/<str:username>/bio/translation/", "/u/{owner}/bio/translation/?to=en", "200 200 200 200 200 200"),
    P("POST", "coach/", "/coach/", "302 200 200 200 200 200", {"text": "hello"}),
    P("GET", "guidelines/", "/guidelines/", "200 200 200 200 200 200"),
    P("GET", "transparency/", "/transparency/", "200 200 200 200 200 200"),
    P("GET", "transparency/withholdings/", "/transparency/withholdings/", "200 200 200 200 200 200"),
    P("GET", "moderation/queue/", "/moderation/queue/", "302 403 403 403 200 200"),
    P("GET", "moderation/queue/titles/", "/moderation/queue/titles/?ids={item}", "302 403 403 403 200 200"),
    P("GET", "moderation/queue/<int:pk>/", "/moderation/queue/{item}/", "302 403 403 403 200 200"),
    P("POST", "moderation/queue/<int:pk>/act/", "/moderation/queue/{item}/act/", "302 403 403 403 302 302", {"do": "claim"}),
    P("GET", "moderation/notices/", "/moderation/notices/", "302 200 200 200 200 200"),
    P("GET", "moderation/suite/", "/moderation/suite/", "302 403 403 403 200 200"),
    P("POST", "moderation/suite/", "/moderation/suite/", "302 403 403 403 302 302", {"group": "mixed"}),
    P("POST", "moderation/decisions/<int:pk>/appeal/", "/moderation/decisions/{decision}/appeal/", "302 302 404 404 404 404", {"text": "please"}),
    # A suspended person's page and its appeal form: only a session marked at log-in opens them
    # (tests/accounts/test_accounts_suspended_appeal.py); everyone else goes to the log-in form.
    P("GET", "suspended/", "/suspended/", "302 302 302 302 302 302"),
    P("POST", "suspended/decisions/<int:pk>/appeal/", "/suspended/decisions/{decision}/appeal/", "302 302 302 302 302 302", {"text": "please"}),
    P("GET", "report/<str:kind>/<int:pk>/", "/report/note/{public}/", "302 400 200 404 200 200"),
    P("GET", "search", "/search?q=cats", "200 200 200 200 200 200"),
    P("GET", "search/suggest", "/search/suggest?q=ca", "200 200 200 200 200 200"),
    P("GET", "search/related/<int:pk>", "/search/related/{public}", "200 200 200 404 200 200"),
    P("GET", "search/related/<int:pk>", "/search/related/{private}", "404 200 404 404 404 404", label="private"),
    # Video progress (a note without a video: 404 to all) and the photo-text alt-text form.
    P("GET", "notes/<int:pk>/video/", "/notes/{public}/video/", "404 404 404 404 404 404"),
    P("POST", "notes/<int:pk>/photos/<int:position>/alt-text", "/notes/{public}/photos/0/alt-text", "302 302 403 404 403 403"),
    # A video frame for a moderator's contact sheet: only through a signed link made for them
    # (tests/vision/test_vision_video_text.py opens real ones); a forged token is 404 to all.
    P("GET", "review/frames/<str:token>", "/review/frames/forged:token", "302 404 404 404 404 404"),
    # Moving in and out (crossnote.portability): {private} is a note, not an imported draft.
    P("GET", "settings/move/", "/settings/move/", "302 200 200 200 200 200"),
    P("GET", "settings/move/imports/", "/settings/move/imports/", "302 200 200 200 200 200"),
    P("GET", "settings/move/drafts/", "/settings/move/drafts/", "302 200 200 200 200 200"),
    P("POST", "settings/move/drafts/publish/", "/settings/move/drafts/publish/", "302 302 302 302 302 302", {"one": "{private}"}),
    P("POST", "settings/move/drafts/delete/", "/settings/move/drafts/delete/", "302 302 302 302 302 302", {"note": "{private}"}),
    P("POST", "settings/move/people/", "/settings/move/people/", "302 400 400 400 400 400", {"kind": "follows"}),
    P("GET", "settings/move/following_accounts.csv", "/settings/move/following_accounts.csv", "302 200 200 200 200 200"),
    P("GET", "settings/move/blocked_accounts.csv", "/settings/move/blocked_accounts.csv", "302 200 200 200 200 200"),
    P("GET", "settings/privacy/", "/settings/privacy/", "302 200 200 200 200 200"),
    P("POST", "settings/privacy/exports/", "/settings/privacy/exports/", "302 302 302 302 302 302"),
    P("GET", "settings/privacy/exports/<int:pk>/download/", "/settings/privacy/exports/{export}/download/?t=forged", "302 403 403 403 403 403"),
    P("POST", "settings/privacy/people/", "/settings/privacy/people/", "302 302 302 302 302 302", {"username": "{other}", "action": "mute"}),
    P("POST", "settings/privacy/delete/", "/settings/privacy/delete/", "302 400 400 400 400 400", {"password": "wrong"}),
    P("GET", "account-deleted/", "/account-deleted/", "200 200 200 200 200 200"),
    P("GET", "signup/waiting/", "/signup/waiting/", "200 200 200 200 200 200"),
    P("GET", "staff/signups/", "/staff/signups/", "302 403 403 403 403 200"),
    P("POST", "staff/signups/mode/", "/staff/signups/mode/", "302 403 403 403 403 302", {"mode": "open", "signups_per_hour": 5}),
    P("POST", "staff/signups/invites/", "/staff/signups/invites/", "302 403 403 403 403 302", {"max_uses": 1}),
    P("POST", "staff/signups/invites/<int:pk>/revoke/", "/staff/signups/invites/{invite}/revoke/", "302 403 403 403 403 302"),
    P("POST", "staff/signups/applications/<int:pk>/approve/", "/staff/signups/applications/{application}/approve/", "302 403 403 403 403 302"),
    P("POST", "staff/signups/applications/<int:pk>/reject/", "/staff/signups/applications/{application}/reject/", "302 403 403 403 403 302"),
    P("GET", "explore/topics/", "/explore/topics/", "302 200 200 200 200 200"),
    P("GET", "bench/hello", "/bench/hello", "404 404 404 404 404 404"),
    P("GET", "healthz", "/healthz", "200 200 200 200 200 200"),
    P("GET", "readyz", "/readyz", "200 200 200 200 200 200"),
    P("GET", "metrics", "/metrics", "200 200 200 200 200 200", label="from loopback"),
    P("GET", "metrics", "/metrics", "403 403 403 403 403 403", label="from outside", remote="203.0.113.5"),
    P("GET", "ops/status/", "/ops/status/", "302 403 403 403 403 200"),
    P("GET", "insights/", "/insights/", "302 403 403 403 403 200"),
    P("GET", "insights/public/", "/insights/public/", "404 404 404 404 404 404", label="public summary off"),
    P("POST", "insights/settings/", "/insights/settings/", "401 403 403 403 403 400", label="empty form"),
    P("GET", "insights/charts/<slug:name>.<str:fmt>", "/insights/charts/signups_region.csv", "401 403 403 403 403 200"),
    P("POST", "insights/alerts/<int:pk>/dismiss/", "/insights/alerts/999999/dismiss/", "401 403 403 403 403 302", label="no such alert"),
    P("GET", "messages/", "/messages/", "302 200 200 200 200 200"),
    P("GET", "messages/new/", "/messages/new/", "302 200 200 200 200 200"),
    P("POST", "messages/with/<str:username>/", "/messages/with/{owner}/", "302 302 302 302 302 302"),
    P("GET", "messages/settings/", "/messages/settings/", "302 200 200 200 200 200"),
    P("GET", "messages/counts/", "/messages/counts/", "302 200 200 200 200 200"),
    # Messages: {conversation} is between the owner and a friend (no other role takes part),
    # {message} is the owner's first message in it.
    P("GET", "messages/<int:pk>/", "/messages/{conversation}/", "302 200 404 404 404 404"),
    P("GET", "messages/<int:pk>/fragment/", "/messages/{conversation}/fragment/", "302 200 404 404 404 404"),
    P("POST", "messages/<int:pk>/send/", "/messages/{conversation}/send/", "302 302 404 404 404 404", {"body": "hi"}),
    P("POST", "messages/<int:pk>/read/", "/messages/{conversation}/read/", "302 200 404 404 404 404"),
    P("POST", "messages/<int:pk>/typing/", "/messages/{conversation}/typing/", "302 200 404 404 404 404"),
    P("POST", "messages/<int:pk>/report/", "/messages/{conversation}/report/", "302 404 404 404 404 404", {"reason": "spam", "message_ids": "{message}"}),
    P("POST", "messages/<int:pk>/members/", "/messages/{conversation}/members/", "302 302 404 404 404 404", {"usernames": "nobody_here"}),
    P("POST", "messages/<int:pk>/translation-settings/", "/messages/{conversation}/translation-settings/", "302 302 404 404 404 404", {"auto_translate": "on"}),
    P("POST", "messages/<int:pk>/<str:action>/", "/messages/{conversation}/leave/", "302 400 404 404 404 404"),
    P("GET", "messages/m/<int:message_id>/", "/messages/m/{message}/", "302 200 404 404 404 404"),
    P("POST", "messages/m/<int:message_id>/unsend/", "/messages/m/{message}/unsend/", "302 302 404 404 404 404"),
    P("POST", "messages/m/<int:message_id>/delete/", "/messages/m/{message}/delete/", "302 302 404 404 404 404"),
    P("GET", "messages/m/<int:message_id>/translation/", "/messages/m/{message}/translation/?to=zh", "302 200 404 404 404 404"),
    P("GET", "messages/m/<int:message_id>/image/", "/messages/m/{message}/image/", "302 404 404 404 404 404"),
    # Federation: off in this world (no CROSSNOTE_FEDERATION_DOMAIN), so every route is 404 after
    # its log-in check; tests/federation/ covers who may do what with it on.
    P("GET", ".well-known/webfinger", "/.well-known/webfinger?resource=acct:{owner}@testserver", "404 404 404 404 404 404"),
    P("GET", ".well-known/host-meta", "/.well-known/host-meta", "404 404 404 404 404 404"),
    P("GET", ".well-known/nodeinfo", "/.well-known/nodeinfo", "404 404 404 404 404 404"),
    P("GET", "nodeinfo/2.1", "/nodeinfo/2.1", "404 404 404 404 404 404"),
    P("POST", "ap/inbox", "/ap/inbox", "404 404 404 404 404 404"),
    P("GET", "ap/users/<str:username>", "/ap/users/{owner}", "404 404 404 404 404 404"),
    P("POST", "ap/users/<str:username>/inbox", "/ap/users/{owner}/inbox", "404 404 404 404 404 404"),
    P("GET", "ap/users/<str:username>/outbox", "/ap/users/{owner}/outbox", "404 404 404 404 404 404"),
    P("GET", "ap/users/<str:username>/followers", "/ap/users/{owner}/followers", "404 404 404 404 404 404"),
    P("GET", "ap/users/<str:username>/following", "/ap/users/{owner}/following", "404 404 404 404 404 404"),
    P("GET", "ap/notes/<int:pk>", "/ap/notes/{public}", "404 404 404 404 404 404"),
    P("GET", "elsewhere/", "/elsewhere/", "302 404 404 404 404 404"),
    P("GET", "elsewhere/people/<int:pk>/", "/elsewhere/people/1/", "404 404 404 404 404 404"),
    P("POST", "elsewhere/people/<int:pk>/follow/", "/elsewhere/people/1/follow/", "302 404 404 404 404 404"),
    P("POST", "elsewhere/people/<int:pk>/block/", "/elsewhere/people/1/block/", "302 404 404 404 404 404"),
    P("POST", "elsewhere/notes/<int:pk>/like/", "/elsewhere/notes/1/like/", "302 404 404 404 404 404"),
    P("GET", "settings/moving/", "/settings/moving/", "302 404 404 404 404 404"),
    P("POST", "settings/moving/", "/settings/moving/", "302 404 404 404 404 404", {"action": "add-alias", "address": "@old@elsewhere.example"}),
    P("GET", "ap/actor", "/ap/actor", "404 404 404 404 404 404"),
    P("GET", "elsewhere/notes/<int:pk>/report/", "/elsewhere/notes/1/report/", "302 404 404 404 404 404"),
    P("GET", "ap/comments/<int:pk>", "/ap/comments/1", "404 404 404 404 404 404"),
    P("GET", "ap/replies/<int:pk>", "/ap/replies/1", "404 404 404 404 404 404"),
    P("GET", "elsewhere/notes/<int:pk>/", "/elsewhere/notes/1/", "404 404 404 404 404 404"),
    P("POST", "elsewhere/notes/<int:pk>/comment/", "/elsewhere/notes/1/comment/", "302 404 404 404 404 404", {"body": "hi"}),
    P("GET", "elsewhere/notes/<int:pk>/translation/", "/elsewhere/notes/1/translation/", "404 404 404 404 404 404"),
    P("POST", "elsewhere/replies/<int:pk>/delete/", "/elsewhere/replies/1/delete/", "302 404 404 404 404 404"),
    P("GET", "^media/(?P<path>.+)$", "/media/{media}", "200 200 200 200 200 200"),
    P("GET", "^media/(?P<path>.+)$", "/media/../settings.py", "400 400 400 400 400 400", label="traversal"),
]

API = [
    A("POST", "/auth/signup", "422 422 422 422 422 422", data={}),
    A("POST", "/auth/login", "401 401 401 401 401 401", data={"username": "x", "password": "y"}),
    A("POST", "/auth/logout", "401 204 204 204 204 204"),
    A("GET", "/auth/csrf", "204 204 204 204 204 204"),
    A("GET", "/me", "401 200 200 200 200 200"),
    A("PATCH", "/me", "401 200 200 200 200 200", data={"bio": "x"}),
    A("POST", "/me/avatar", "401 422 422 422 422 422"),
    A("POST", "/me/password", "401 400 400 400 400 400", data={"old_password": "x", "new_password": "y"}),
    A("GET", "/me/tokens", "401 200 200 200 200 200"),
    A("POST", "/me/tokens", "401 201 201 201 201 201", data={"name": "t"}),
    A("DELETE", "/me/tokens/{token_id}", "401 204 404 404 404 404", url="/me/tokens/{token}"),
    A("GET", "/users/{username}", "200 200 200 200 200 200", url="/users/{owner}"),
    A("POST", "/users/{username}/follow", "401 400 200 403 200 200", url="/users/{owner}/follow"),
    A("DELETE", "/users/{username}/follow", "401 200 200 200 200 200", url="/users/{owner}/follow"),
    A("GET", "/users/{username}/followers", "200 200 200 200 200 200", url="/users/{owner}/followers"),
    A("GET", "/users/{username}/following", "200 200 200 200 200 200", url="/users/{owner}/following"),
    A("GET", "/notifications", "401 200 200 200 200 200"),
    A("GET", "/notifications/grouped", "401 200 200 200 200 200"),
    A("GET", "/notifications/unread-count", "401 200 200 200 200 200"),
    A("POST", "/notifications/read", "401 200 200 200 200 200", data={}),
    A("POST", "/notes", "401 422 422 422 422 422", data={}),
    A("GET", "/notes/{note_id}", "200 200 200 404 200 200", url="/notes/{public}"),
    A("GET", "/notes/{note_id}", "404 200 404 404 404 404", url="/notes/{private}", label="private"),
    A("GET", "/notes/{note_id}", "404 200 404 404 404 404", url="/notes/{followers}", label="followers"),
    A("GET", "/notes/{note_id}", "200 200 451 404 200 200", url="/notes/{withheld}", label="withheld in CN"),
    A("PATCH", "/notes/{note_id}", "401 200 403 404 403 403", url="/notes/{public}", data={"title": "new"}),
    A("DELETE", "/notes/{note_id}", "401 204 403 404 403 403", url="/notes/{public}"),
    A("GET", "/users/{username}/notes", "200 200 200 200 200 200", url="/users/{owner}/notes"),
    A("GET", "/topics/{name}", "200 200 200 200 200 200", url="/topics/cats"),
    A("GET", "/topics/{name}/notes", "200 200 200 200 200 200", url="/topics/cats/notes"),
    A("POST", "/notes/{note_id}/like", "401 200 200 404 200 200", url="/notes/{public}/like"),
    A("POST", "/notes/{note_id}/like", "401 200 404 404 404 404", url="/notes/{private}/like", label="private"),
    A("DELETE", "/notes/{note_id}/like", "401 200 200 404 200 200", url="/notes/{public}/like"),
    A("GET", "/notes/{note_id}/comments", "200 200 200 404 200 200", url="/notes/{public}/comments"),
    A("POST", "/notes/{note_id}/comments", "401 201 201 404 201 201", url="/notes/{public}/comments", data={"body": "hi"}),
    A("POST", "/notes/{note_id}/comments", "401 201 404 404 404 404", url="/notes/{followers}/comments", data={"body": "hi"}, label="followers"),
    A("DELETE", "/comments/{comment_id}", "401 204 403 404 403 403", url="/comments/{comment}"),
    A("POST", "/comments/{comment_id}/like", "401 200 200 404 200 200", url="/comments/{comment}/like"),
    A("DELETE", "/comments/{comment_id}/like", "401 200 200 404 200 200", url="/comments/{comment}/like"),
    A("POST", "/notes/{note_id}/collect", "401 200 200 404 200 200", url="/notes/{public}/collect"),
    A("DELETE", "/notes/{note_id}/collect", "401 200 200 404 200 200", url="/notes/{public}/collect"),
    A("GET", "/users/{username}/boards", "200 200 200 200 200 200", url="/users/{owner}/boards"),
    A("POST", "/boards", "401 201 201 201 201 201", data={"name": "b"}),
    A("GET", "/boards/{board_id}/notes", "404 200 404 404 404 404", url="/boards/{board}/notes"),
    A("GET", "/feeds/explore", "200 200 200 200 200 200"),
    A("GET", "/feeds/following", "401 200 200 200 200 200"),
    A("GET", "/feeds/topics", "401 200 200 200 200 200"),
    A("PUT", "/feeds/topics", "401 200 200 200 200 200", data={"topics": ["cats"]}),
    A("POST", "/translate", "401 200 200 200 200 200", data={"text": "猫", "target": "en"}),
    A("GET", "/notes/{note_id}/translation", "200 200 200 404 200 200", url="/notes/{public}/translation?target=en"),
    A("GET", "/notes/{note_id}/translation", "404 200 404 404 404 404", url="/notes/{private}/translation?target=en", label="private"),
    A("GET", "/comments/{comment_id}/translation", "200 200 200 404 200 200", url="/comments/{comment}/translation?target=en"),
    A("GET", "/users/{username}/bio/translation", "200 200 200 200 200 200", url="/users/{owner}/bio/translation?target=en"),
    A("GET", "/translation/titles", "200 200 200 404 200 200", url="/translation/titles?ids={public}&target=en"),
    A("GET", "/translation/titles", "404 200 404 404 404 404", url="/translation/titles?ids={private}&target=en", label="private"),
    A("GET", "/notes/{note_id}/comments/translation", "200 200 200 404 200 200", url="/notes/{public}/comments/translation?target=en"),
    A("GET", "/notes/{note_id}/comments/translation", "404 200 404 404 404 404", url="/notes/{private}/comments/translation?target=en", label="private"),
    A("POST", "/notes/{note_id}/translation/report", "401 200 200 404 200 200", url="/notes/{public}/translation/report?target=en", data={"reason": "wrong"}),
    A("POST", "/comments/{comment_id}/translation/report", "401 200 200 404 200 200", url="/comments/{comment}/translation/report?target=en", data={"reason": "wrong"}),
    A("POST", "/detect", "200 200 200 200 200 200", data={"text": "hello there"}),
    A("POST", "/pinyin", "200 200 200 200 200 200", data={"text": "猫"}),
    A("GET", "/languages", "200 200 200 200 200 200"),
    A("POST", "/moderation/check", "401 200 200 200 200 200", data={"text": "hello"}),
    # Decisions and withholding are for the author and staff (is_staff), not for moderators.
    A("GET", "/notes/{note_id}/decisions", "401 200 403 404 200 200", url="/notes/{public}/decisions"),
    A("POST", "/notes/{note_id}/withhold", "401 403 403 403 200 200", url="/notes/{public}/withhold", data={"regions": ["DE"], "legal_basis": "court order"}),
    A("GET", "/transparency", "200 200 200 200 200 200"),
    A("GET", "/transparency/withholdings", "200 200 200 200 200 200"),
    # The owner may not report their own note; "other" already reported it in the world.
    A("POST", "/reports", "401 400 409 404 201 201", data={"kind": "note", "object_id": "{public}", "reason": "spam"}),
    A("GET", "/reports/subject", "401 400 200 404 200 200", url="/reports/subject?kind=note&object_id={public}"),
    A("GET", "/moderation/queue", "401 403 403 403 200 200"),
    A("GET", "/moderation/queue/{item_id}", "401 403 403 403 200 200", url="/moderation/queue/{item}"),
    A("POST", "/moderation/queue/{item_id}/claim", "401 403 403 403 200 200", url="/moderation/queue/{item}/claim"),
    # Non-moderators are refused before the look-up (403, whether or not the item exists); only
    # whoever claimed an item may release it, and no moderator here has (409).
    A("POST", "/moderation/queue/{item_id}/release", "401 403 403 403 409 409", url="/moderation/queue/{item}/release"),
    A("POST", "/moderation/queue/{item_id}/decide", "401 403 403 403 200 200", url="/moderation/queue/{item}/decide", data={"action": "approve"}),
    A("GET", "/moderation/suite", "401 403 403 403 200 200", url="/moderation/suite?group=mixed"),
    # The suite's last run: none in this world (404) until a moderator runs it (each row's run
    # is rolled back with its savepoint, the cache table included).
    A("GET", "/moderation/suite/last", "401 403 403 403 404 404"),
    A("POST", "/moderation/suite/runs", "401 403 403 403 200 200", data={"group": "mixed"}),
    A("GET", "/moderation/notices", "401 200 200 200 200 200"),
    A("POST", "/decisions/{decision_id}/appeal", "401 201 404 404 404 404", url="/decisions/{decision}/appeal", data={"text": "please"}),
    # Lifting a suspension: staff who may change suspensions (the admin) only; moderators 403;
    # the owner is not suspended, so the admin is told nothing was lifted (409).
    A("POST", "/users/{username}/unsuspend", "401 403 403 403 403 409", url="/users/{owner}/unsuspend", data={"reason": "lifted after review"}),
    A("GET", "/search", "200 200 200 200 200 200", url="/search?q=cats"),
    A("GET", "/search/suggest", "200 200 200 200 200 200", url="/search/suggest?q=ca"),
    # Text in photos: read by whoever may see the note; alt text by its author only.
    A("GET", "/notes/{note_id}/photos/{position}/text", "200 200 200 404 200 200", url="/notes/{public}/photos/0/text"),
    # The text in a video's frames: {public} is a note of photos, so 404 to all (as the page).
    A("GET", "/notes/{note_id}/video/text", "404 404 404 404 404 404", url="/notes/{public}/video/text"),
    A("POST", "/notes/{note_id}/photos/{position}/alt-text", "401 409 403 404 403 403", url="/notes/{public}/photos/0/alt-text", data={}),
    # Moving in and out: an import nobody has (404), {private} is no draft (404).
    A("POST", "/imports", "401 422 422 422 422 422", data={"kind": "instagram"}),
    A("GET", "/imports", "401 200 200 200 200 200"),
    A("GET", "/imports/{import_id}", "401 404 404 404 404 404", url="/imports/999999"),
    A("GET", "/drafts", "401 200 200 200 200 200"),
    A("POST", "/drafts/publish", "401 200 200 200 200 200", data={"note_ids": []}),
    A("POST", "/drafts/{note_id}/publish", "401 404 404 404 404 404", url="/drafts/{private}/publish", data={}),
    A("DELETE", "/drafts/{note_id}", "401 404 404 404 404 404", url="/drafts/{private}"),
    A("GET", "/me/following_accounts.csv", "401 200 200 200 200 200"),
    A("POST", "/me/following_accounts.csv", "401 422 422 422 422 422", data={}),
    A("GET", "/me/blocked_accounts.csv", "401 200 200 200 200 200"),
    A("POST", "/me/blocked_accounts.csv", "401 422 422 422 422 422", data={}),
    A("GET", "/me/privacy", "401 200 200 200 200 200"),
    A("PATCH", "/me/privacy", "401 200 200 200 200 200", data={"discoverable": True}),
    A("GET", "/me/exports", "401 200 200 200 200 200"),
    A("POST", "/me/exports", "401 409 202 202 202 202"),
    A("GET", "/me/exports/{export_id}", "401 200 404 404 404 404", url="/me/exports/{export}"),
    A("GET", "/me/exports/{export_id}/download", "401 403 403 403 403 403", url="/me/exports/{export}/download?t=forged"),
    A("POST", "/me/deletion", "401 400 400 400 400 400", data={"password": "wrong"}),
    A("GET", "/me/logins", "401 200 200 200 200 200"),
    A("GET", "/me/blocks", "401 200 200 200 200 200"),
    A("POST", "/users/{username}/block", "401 400 204 204 204 204", url="/users/{owner}/block"),
    A("DELETE", "/users/{username}/block", "401 204 204 204 204 204", url="/users/{owner}/block"),
    A("GET", "/me/mutes", "401 200 200 200 200 200"),
    A("POST", "/users/{username}/mute", "401 400 204 204 204 204", url="/users/{owner}/mute"),
    A("DELETE", "/users/{username}/mute", "401 204 204 204 204 204", url="/users/{owner}/mute"),
    A("GET", "/ops/status", "401 403 403 403 403 200"),
    A("GET", "/insights/charts", "401 403 403 403 403 200"),
    A("GET", "/insights/cohorts", "401 403 403 403 403 200"),
    A("GET", "/insights/settings", "401 403 403 403 403 200"),
    A("GET", "/insights/summary", "401 403 403 403 403 200"),
    A("GET", "/insights/waves", "401 403 403 403 403 200"),
    A("POST", "/insights/rollup", "401 403 403 403 403 200", data={"from": "2026-01-01", "to": "2026-01-02"}),
    A("GET", "/insights/series/{name}", "401 403 403 403 403 200", url="/insights/series/signups_region"),
    A("GET", "/insights/series/{name}", "401 403 403 403 403 200", url="/insights/series/active_users", label="public chart, public summary off"),
    A("PUT", "/insights/settings", "401 403 403 403 403 200", data={"public_summary": False, "alert_margin": 0.2, "spike_factor": 3.0, "baseline_days": 28}),
    A("GET", "/conversations", "401 200 200 200 200 200"),
    A("GET", "/messages/preferences", "401 200 200 200 200 200"),
    A("GET", "/messages/unread", "401 200 200 200 200 200"),
    A("GET", "/conversations/{conversation_id}", "401 200 404 404 404 404", url="/conversations/{conversation}"),
    A("GET", "/conversations/{conversation_id}/messages", "401 200 404 404 404 404", url="/conversations/{conversation}/messages"),
    A("POST", "/conversations/{conversation_id}/read", "401 200 404 404 404 404", url="/conversations/{conversation}/read", data={}),
    A("POST", "/conversations/{conversation_id}/typing", "401 200 404 404 404 404", url="/conversations/{conversation}/typing"),
    A("PUT", "/conversations/{conversation_id}/settings", "401 200 404 404 404 404", url="/conversations/{conversation}/settings", data={"auto_translate": True}),
    A("POST", "/conversations/{conversation_id}/accept", "401 400 404 404 404 404", url="/conversations/{conversation}/accept"),
    A("POST", "/conversations/{conversation_id}/decline", "401 400 404 404 404 404", url="/conversations/{conversation}/decline"),
    A("POST", "/conversations/{conversation_id}/leave", "401 400 404 404 404 404", url="/conversations/{conversation}/leave"),
    # The world's conversation is a direct one: people are added to groups only (400).
    A("POST", "/conversations/{conversation_id}/members", "401 400 404 404 404 404", url="/conversations/{conversation}/members", data={"usernames": ["nobody_here"]}),
    A("POST", "/conversations/{conversation_id}/report", "401 404 404 404 404 404", url="/conversations/{conversation}/report", data={"message_ids": ["{message}"], "reason": "spam"}),
    A("POST", "/messages/{message_id}/unsend", "401 200 404 404 404 404", url="/messages/{message}/unsend"),
    A("DELETE", "/messages/{message_id}", "401 200 404 404 404 404", url="/messages/{message}"),
    A("GET", "/messages/{message_id}/translation", "401 200 404 404 404 404", url="/messages/{message}/translation?target=zh"),
    # "other" may not start a conversation with themself (400).
    A("POST", "/conversations", "401 201 400 201 201 201", data={"recipients": ["{other}"]}),
    Row("POST", "/api/v1/conversations/{conversation_id}/messages", "/api/v1/conversations/{conversation}/messages", "401 201 404 404 404 404", {"body": "hi"}, json=False),
    A("PUT", "/messages/preferences", "401 200 200 200 200 200", data={"read_receipts": True}),
    # Federation is off in this world: 404 after the log-in check, except domain blocks (staff).
    A("POST", "/federation/lookup", "401 404 404 404 404 404", data={"address": "@someone@elsewhere.example"}),
    A("GET", "/federation/actors/{actor_id}", "404 404 404 404 404 404", url="/federation/actors/1"),
    A("GET", "/federation/actors/{actor_id}/notes", "404 404 404 404 404 404", url="/federation/actors/1/notes"),
    A("POST", "/federation/actors/{actor_id}/follow", "401 404 404 404 404 404", url="/federation/actors/1/follow"),
    A("DELETE", "/federation/actors/{actor_id}/follow", "401 404 404 404 404 404", url="/federation/actors/1/follow"),
    A("POST", "/federation/actors/{actor_id}/block", "401 404 404 404 404 404", url="/federation/actors/1/block"),
    A("DELETE", "/federation/actors/{actor_id}/block", "401 404 404 404 404 404", url="/federation/actors/1/block"),
    A("POST", "/federation/notes/{note_id}/like", "401 404 404 404 404 404", url="/federation/notes/1/like"),
    A("DELETE", "/federation/notes/{note_id}/like", "401 404 404 404 404 404", url="/federation/notes/1/like"),
    A("GET", "/federation/notes/{note_id}/translation", "404 404 404 404 404 404", url="/federation/notes/1/translation"),
    A("GET", "/federation/domain-blocks", "401 403 403 403 403 200"),
    A("POST", "/federation/domain-blocks", "401 403 403 403 403 201", data={"domain": "spam.example"}),
    A("POST", "/federation/domain-blocks/import", "401 403 403 403 403 200", data={"csv": "spam.example"}),
    A("DELETE", "/federation/domain-blocks/{domain}", "401 403 403 403 403 404", url="/federation/domain-blocks/spam.example"),
    A("GET", "/federation/moves", "401 404 404 404 404 404"),
    A("POST", "/federation/moves/aliases", "401 404 404 404 404 404", data={"address": "@old@elsewhere.example"}),
    A("DELETE", "/federation/moves/aliases/{alias_id}", "401 404 404 404 404 404", url="/federation/moves/aliases/1"),
    A("POST", "/federation/notes/{note_id}/report", "401 404 404 404 404 404", url="/federation/notes/1/report", data={"comment": "spam"}),
    A("POST", "/federation/moves", "401 404 404 404 404 404", data={"address": "@new@elsewhere.example", "password": "x"}),
    A("POST", "/federation/moves/cancel", "401 404 404 404 404 404", data={"password": "x"}),
    A("GET", "/federation/notes/{note_id}/comments", "404 404 404 404 404 404", url="/federation/notes/1/comments"),
    A("POST", "/federation/notes/{note_id}/comments", "401 404 404 404 404 404", url="/federation/notes/1/comments", data={"body": "hi"}),
    A("DELETE", "/federation/replies/{reply_id}", "401 404 404 404 404 404", url="/federation/replies/1"),
    A("GET", "/signup-mode", "200 200 200 200 200 200"),
    A("GET", "/security/surge", "401 403 403 403 403 200"),
    A("PUT", "/security/surge", "401 403 403 403 403 200", data={"mode": "open"}),
    A("GET", "/security/invites", "401 403 403 403 403 200"),
    A("POST", "/security/invites", "401 403 403 403 403 201", data={"max_uses": 1}),
    A("DELETE", "/security/invites/{invite_id}", "401 403 403 403 403 200", url="/security/invites/{invite}"),
    A("GET", "/security/applications", "401 403 403 403 403 200"),
    A("POST", "/security/applications/{application_id}/approve", "401 403 403 403 403 200", url="/security/applications/{application}/approve"),
    A("POST", "/security/applications/{application_id}/reject", "401 403 403 403 403 200", url="/security/applications/{application}/reject"),
    A("GET", "/security/rate-limits", "401 403 403 403 403 200"),
    A("PUT", "/security/rate-limits/{action}/{scope}", "401 403 403 403 403 200", url="/security/rate-limits/like/user", data={"rate": "5/h"}),
]
# fmt: on

ROWS = PAGES + API
RECORD = os.environ.get("ACCESS_MATRIX_RECORD") == "1"


# --- the routes that exist ---------------------------------------------------------------------


def page_routes() -> set[str]:
    """Every URL pattern except the admin (Django's own staff checks) and the ninja API."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    return {
        route
        for route in walk(get_resolver().url_patterns)
        if not route.startswith(("admin/", "api/v1/"))
    }


def api_routes() -> set[str]:
    from crossnote.api.api import api

    found = set()
    for prefix, router in api._routers:  # noqa: SLF001 - ninja keeps no public list
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    found.add(f"{method} /api/v1{'/' + prefix if prefix else ''}{path}")
    return found


def test_every_route_has_a_row():
    listed = {f"{r.method} {r.route}" for r in API} | {r.route for r in PAGES}
    missing = sorted((page_routes() | api_routes()) - listed)
    assert not missing, "add a row to tests/security/test_access_matrix.py for:\n" + "\n".join(
        missing
    )


def test_rows_name_only_routes_that_exist():
    stale = sorted(
        ({r.route for r in PAGES} - page_routes())
        | ({f"{r.method} {r.route}" for r in API} - api_routes())
    )
    assert not stale, stale


# --- the world ---------------------------------------------------------------------------------


@pytest.fixture
def world(db, settings):
    from django.contrib.auth.models import Group

    from crossnote.moderation.models import Decision
    from crossnote.moderation.roles import MODERATOR
    from crossnote.moderation.services import report_content, withhold_note
    from crossnote.notes.services import add_comment, create_board, create_note
    from crossnote.privacy.models import ExportRequest
    from crossnote.security import services as security
    from crossnote.social.services import block_user

    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]
    owner = make_user("mia_ms", region="US", bio="I love cats")
    other = make_user("lin_sh", region="CN")
    blocked = make_user("bo_blocked", region="US")
    moderator = make_user("mod_wang", region="US")
    moderator.groups.add(Group.objects.get_or_create(name=MODERATOR)[0])
    admin = make_user("root_admin", region="US", is_staff=True, is_superuser=True)
    block_user(blocker=owner, blocked=blocked)

    def note(title, **kwargs):
        return create_note(
            author=owner, title=title, body="我的猫 #cats", images=[upload()], **kwargs
        )

    public = note("Public")
    private = note("Private", visibility="private")
    followers = note("Followers", visibility="followers")
    withheld = note("Withheld")
    withhold_note(note=withheld, regions=["CN"], legal_basis="a court order")
    comment = add_comment(author=owner, note=public, body="我自己的评论，很好吃")
    board = create_board(owner=owner, name="Secret", is_private=True)
    from crossnote.accounts.services import create_api_token

    token, _secret = create_api_token(user=owner, name="cli")
    export = ExportRequest.objects.create(user=owner, expires_at=timezone.now() + timedelta(days=1))
    report_content(reporter=other, kind="note", object_id=public.pk, reason="spam")
    from crossnote.moderation.models import ReviewItem

    item = ReviewItem.objects.filter(object_id=public.pk).first()
    decision = Decision.objects.create(
        kind="note", object_id=public.pk, author=owner, action="label", category="spam"
    )
    invite = security.create_invite()
    security.set_surge_mode(mode="approval")
    applicant = security.admit_signup()
    pending = make_user("applicant", is_active=False)
    security.complete_signup(user=pending, admission=applicant)
    security.set_surge_mode(mode="open")
    media = public.images.first().thumb.name
    from crossnote.messaging.services import send_message, start_conversation

    friend = make_user("friend_fan", region="US")
    conversation = start_conversation(sender=owner, recipients=[friend])
    message = send_message(sender=owner, conversation_id=conversation.pk, body="你好 friend")
    ids = {
        "public": public.pk,
        "private": private.pk,
        "followers": followers.pk,
        "withheld": withheld.pk,
        "comment": comment.pk,
        "board": board.pk,
        "token": token.pk,
        "export": export.pk,
        "item": item.pk,
        "decision": decision.pk,
        "invite": invite.pk,
        "application": pending.signup_application.pk,
        "owner": owner.username,
        "other": other.username,
        "media": media,
        "conversation": conversation.pk,
        "message": message.pk,
    }
    users = {"owner": owner, "other": other, "blocked": blocked, "moderator": moderator}
    users["admin"] = admin
    return ids, users


def _fill(value, ids):
    if isinstance(value, str):
        filled = value.format(**ids)
        return int(filled) if value.startswith("{") and filled.isdigit() else filled
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


def _request(client, row, ids):
    url = row.url.format(**ids)
    method = getattr(client, row.method.lower())
    if row.remote:
        method = functools.partial(method, REMOTE_ADDR=row.remote)
    data = _fill(row.data, ids)
    if row.json and row.method != "GET":
        return method(url, data or {}, content_type="application/json")
    if row.method in ("GET", "DELETE"):
        return method(url)
    return method(url, data or {})


def test_every_role_gets_the_expected_status(world):
    ids, users = world
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    failures, recorded = [], []
    for row in ROWS:
        got = []
        for role in ROLES:
            cookies = copy.deepcopy(clients[role].cookies)  # a log-out must not stick
            with transaction.atomic():
                response = _request(clients[role], row, ids)
                transaction.set_rollback(True)
            # Redis (the scale-out pass) is outside the savepoint: the one record a row writes
            # there that a later row reads back, the suite's last run, goes as the database
            # cache's row does.
            cache.delete(SUITE_CACHE_KEY)
            clients[role].cookies = cookies
            got.append(str(response.status_code))
        observed = " ".join(got)
        recorded.append(f'{row.method} {row.url} [{row.label}] "{observed}"')
        if observed != row.expect:
            failures.append(
                f"{row.method} {row.url} {row.label}: expected {row.expect}, got {observed}"
            )
    if RECORD:
        print("\n".join(recorded))
    assert not failures, "\n".join(failures)
