"""Feed pages: explore (ranked masonry grid, infinite scroll by cursor), following, topic picks."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from crossnote.core.errors import DomainError
from crossnote.feeds import ranking, selectors, services, timeline
from crossnote.notes.selectors import liked_note_ids, topic_cards
from crossnote.social.models import Follow

PAGE_SIZE = 24


def _render_page(request, page, template, extra=None):
    context = {
        "notes": page.items,
        "next_cursor": page.next_cursor,
        "liked_ids": liked_note_ids(request.user, page.items),
        **(extra or {}),
    }
    if request.htmx and request.GET.get("cursor"):
        return render(request, "notes/_cards.html", context)
    return render(request, template, context)


def _needs_topics(user) -> bool:
    """A signed-in reader who follows nobody and picked no topics: offer the picker."""
    if not user.is_authenticated:
        return False
    return not (user.topic_interests.exists() or Follow.objects.filter(follower=user).exists())


def explore(request):
    languages = ranking.reader_languages(request.user, get_language() or "")
    page = selectors.explore_page(request.user, request.GET.get("cursor"), PAGE_SIZE, languages)
    extra = {"feed": "explore"}
    if not request.GET.get("cursor"):
        extra["offer_topics"] = _needs_topics(request.user)
    return _render_page(request, page, "feeds/explore.html", extra)


@login_required
def following(request):
    cursor = request.GET.get("cursor")
    page = timeline.following_page(request.user, cursor, PAGE_SIZE)
    # People followed elsewhere (federation): their notes join the page by time.
    extra = {"feed": "following", "notes": selectors.with_elsewhere(request.user, page, cursor)}
    return _render_page(request, page, "feeds/explore.html", extra)


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
