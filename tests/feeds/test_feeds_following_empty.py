"""The Following feed's empty page says what is true and where to go: Jake followed 林晓, who
had not posted yet, and his Following page still told him 'Follow people to see their notes
here.' with no way on. Now: someone who follows nobody is sent to explore to find people; someone
whose people have not posted is told so."""

import pytest

from crossnote.social.services import follow_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, follows_nobody, followed_quiet",
    [
        ("en", "Follow people to see their notes here.", "have not posted anything yet"),
        ("zh-hans", "关注感兴趣的人", "你关注的人还没有发布笔记"),
    ],
)
def test_the_empty_following_page_says_what_is_true(
    client_for, mia, lin, language, follows_nobody, followed_quiet
):
    client = client_for(mia)
    client.cookies["django_language"] = language
    nobody = client.get("/following/").content.decode()
    assert follows_nobody in nobody and followed_quiet not in nobody
    assert 'data-testid="find-people"' in nobody and 'href="/"' in nobody
    follow_user(follower=mia, followee=lin)
    quiet = client.get("/following/").content.decode()
    assert followed_quiet in quiet and follows_nobody not in quiet
    assert 'data-testid="find-people"' in quiet
