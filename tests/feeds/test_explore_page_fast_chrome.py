"""The page chrome (the top bar's nav, the phone tab bar, the search box) is kept as
`{% fragment %}`s keyed by what it shows: whatever changes it (a badge count, a role, the
reader's name or avatar, the page being on explore or a profile, the search words) shows on the
very next page, and one reader's chrome is never shown to another."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from crossnote.core.templatetags import fragments
from crossnote.messaging import services as messaging
from crossnote.moderation import roles
from crossnote.social import services as social
from tests.conftest import client_of, make_user, page_html

pytestmark = pytest.mark.django_db


def nav(html: str) -> str:
    return html[html.index('<nav class="nav">') : html.index('<form class="lang-switch"')]


def tabbar(html: str) -> str:
    return html[html.index('<nav class="tabbar"') :]


@pytest.fixture
def people():
    reader = make_user("chrome_r", display_name="Reader R", region="US", languages=["en"])
    other = make_user("chrome_o", display_name="Other O", region="US", languages=["en"])
    return reader, other


def test_badges_and_roles_show_on_the_next_warm_page(people):
    reader, other = people
    as_reader = client_of(reader)
    first = page_html(as_reader, "/")
    assert page_html(as_reader, "/") == first  # warm: the same page
    assert 'data-testid="unread-badge"' not in nav(first)
    assert 'data-testid="messages-badge" hidden' in nav(first)
    assert 'data-testid="tab-messages-badge" hidden' in tabbar(first)

    social.follow_user(follower=other, followee=reader)  # a notification
    messaging.open_conversation(sender=other, usernames=[reader.username], body="hi")
    shown = page_html(as_reader, "/")
    assert 'data-testid="unread-badge">1<' in nav(shown)
    assert 'data-testid="messages-badge">1<' in nav(shown)
    assert 'data-testid="tab-messages-badge">1<' in tabbar(shown)

    social.mark_notifications_read(user=reader)
    assert 'data-testid="unread-badge"' not in nav(page_html(as_reader, "/"))

    group, _ = Group.objects.get_or_create(name=roles.MODERATOR)
    reader.groups.add(group)
    assert "nav-queue" in nav(page_html(as_reader, "/"))
    reader.groups.remove(group)
    assert "nav-queue" not in nav(page_html(as_reader, "/"))


def test_each_reader_sees_their_own_chrome(people):
    reader, other = people
    mine = page_html(client_of(reader), "/")
    theirs = page_html(client_of(other), "/")
    assert "/u/chrome_r/" in nav(mine) and "/u/chrome_o/" not in nav(mine)
    assert "/u/chrome_o/" in nav(theirs) and "/u/chrome_r/" not in nav(theirs)
    assert "/u/chrome_o/" in tabbar(theirs) and "/u/chrome_r/" not in tabbar(theirs)
    visitor = page_html(Client(), "/")
    assert "/u/" not in nav(visitor) and "/login/?next=/messages/" in tabbar(visitor)


def test_a_new_name_shows_at_once(people):
    reader, _other = people
    as_reader = client_of(reader)
    assert 'aria-label="Reader R">R<' in nav(page_html(as_reader, "/"))
    reader.display_name = "Zed"
    reader.save(update_fields=["display_name"])
    assert 'aria-label="Zed">Z<' in nav(page_html(as_reader, "/"))


def test_where_the_reader_is_is_marked(people):
    reader, other = people
    as_reader = client_of(reader)
    explore = page_html(as_reader, "/")
    assert 'class="nav-explore" href="/" aria-current="page"' in nav(explore)
    assert 'class="tab" href="/" aria-current="page"' in tabbar(explore)
    following = page_html(as_reader, "/following/")
    assert 'class="nav-explore" href="/" aria-current' not in nav(following)
    assert 'class="nav-following" href="/following/" aria-current="page"' in nav(following)
    own = tabbar(page_html(as_reader, f"/u/{reader.username}/"))
    assert f'href="/u/{reader.username}/" aria-current="page"' in own
    theirs = tabbar(page_html(as_reader, f"/u/{other.username}/"))
    assert "aria-current" not in theirs


def test_the_search_box_keeps_the_words(people):
    reader, _other = people
    as_reader = client_of(reader)
    assert 'name="q" value=""' in page_html(as_reader, "/")
    assert 'name="q" value="hotpot &lt;b&gt;"' in page_html(as_reader, "/search?q=hotpot+<b>")
    assert 'name="q" value=""' in page_html(as_reader, "/")


def test_cold_and_warm_chrome_are_the_same(people):
    reader, _other = people
    as_reader = client_of(reader)
    warm = page_html(as_reader, "/")
    fragments.forget_all()
    assert page_html(as_reader, "/") == warm
