"""Feed pages: explore (ranked masonry grid, infinite scroll by cursor), following, topic picks."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from crossnote.core.errors import DomainError
from crossnote.feeds import pages, ranking, selectors, services, timeline
from crossnote.feeds.models import TopicInterest
from crossnote.notes.selectors import topic_cards
from crossnote.social.models import Follow

PAGE_SIZE = 24


def _needs_topics(user) -> bool:
    """A signed-in reader who follows nobody and picked no topics: offer the picker."""
    if not user.is_authenticated:
        return False
    # One plain query (it runs on every first explore page): does either exist.
    quote = connection.ops.quote_name
    interests, follows = (quote(m._meta.db_table) for m in (TopicInterest, Follow))
    sql = (
        f"SELECT EXISTS(SELECT 1 FROM {interests} WHERE user_id = %s) "  # noqa: S608
        f"OR EXISTS(SELECT 1 FROM {follows} WHERE follower_id = %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, user.pk])
        return not cursor.fetchone()[0]


def explore(request):
    languages = ranking.reader_languages(request.user, get_language() or "")
    cursor = request.GET.get("cursor")
    # The API's path: the page's ids, one question for what the reader may see of them now,
    # cards rendered from fragments kept per note version (crossnote.feeds.pages).
    page = selectors.explore_entries(request.user, cursor, PAGE_SIZE, languages)
    notes, liked = pages.page_notes(
        request.user, selectors.explore_shown, page.items, name="explore"
    )
    context = {"notes": notes, "next_cursor": page.next_cursor, "liked_ids": liked}
    if request.htmx and cursor:
        return render(request, "notes/_cards.html", context)
    context.update(feed="explore", offer_topics=not cursor and _needs_topics(request.user))
    return render(request, "feeds/explore.html", context)


@login_required
def following(request):
    cursor = request.GET.get("cursor")
    # The API's path: the page from the reader's candidate list with its facts in one query
    # (crossnote.feeds.following_lists), cards rendered from fragments kept per note version.
    page, facts = timeline.following_facts(request.user, cursor, PAGE_SIZE, extra=pages.PAGE_EXTRA)
    entries = [(entry.pk, None) for entry in page.items]
    notes, liked = pages.page_notes(
        request.user, selectors.following_shown, entries, name="following", facts=facts
    )
    created = {entry.pk: entry.created_at for entry in page.items}
    for note in notes:
        note.created_at = created[note.pk]
    # People followed elsewhere (federation): their notes join the page by time.
    others = selectors.elsewhere_between(request.user, page, cursor)
    if others:
        notes = sorted([*notes, *others], key=lambda item: item.created_at, reverse=True)
    context = {"notes": notes, "next_cursor": page.next_cursor, "liked_ids": liked}
    if request.htmx and cursor:
        return render(request, "notes/_cards.html", context)
    context["feed"] = "following"
    # An empty page says which it is: nobody followed yet, or followed people who have not posted.
    context["follows_anyone"] = bool(notes) or request.user.following_count > 0
    return render(request, "feeds/explore.html", context)


@login_required
def topics(request):
    """Pick the topics explore should follow (cold start for a new account)."""
    if request.method == "POST":
        try:
            services.pick_topics(user=request.user, names=request.POST.getlist("topics"))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your topics are saved; explore follows them now."))
            return redirect("feeds:explore")
    picked = selectors.picked_topics(request.user)
    picked_roots = {t.root_id for t in picked}
    language = get_language() or ""
    cards = topic_cards([*picked, *selectors.suggested_topics()], request.user)
    for card in cards:
        card.picked = card.topic.pk in picked_roots
        card.label = card.name_for(language)
        card.others = card.other_names(language)
    cards.sort(key=lambda card: (not card.picked, -card.note_count, card.label))
    return render(request, "feeds/topics.html", {"cards": cards})


def bench_hello(request):
    """A bare view for the benchmarks' ceiling: same server, workers and middleware as every
    page, no database. Answers 404 unless CROSSNOTE_BENCH_HELLO is set."""
    if not settings.CROSSNOTE_BENCH_HELLO:
        raise Http404
    return JsonResponse({"hello": "world"})
