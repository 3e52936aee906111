"""Note pages: compose, detail, edit, delete, and in-place like/collect/comment actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from crossnote.core.errors import InvalidInput, NotFound, PermissionDenied
from crossnote.core.forms import run_service
from crossnote.core.pagination import paginate
from crossnote.notes import forms, policies, selectors, services, visitor_page
from crossnote.notes.models import MAX_IMAGES, default_board_names
from crossnote.security.ratelimits import rate_limit
from crossnote.security.redirects import safe_next


def _wants_json(request) -> bool:
    """The photo picker posts the form itself (fetch) and asks for JSON, so a refusal keeps the
    chosen photos in the page; a plain form post gets the page back as before."""
    return "application/json" in request.headers.get("Accept", "")


@login_required
@rate_limit("post")
def compose(request):
    form = forms.NoteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        note = run_service(
            form,
            services.create_note,
            author=request.user,
            title=data["title"],
            body=data["body"],
            images=data["images"],
            video=data.get("video"),
            topics=data["topics"],
            visibility=data["visibility"],
            alt_texts=request.POST.getlist("alt_texts"),
        )
        if note is not None:
            messages.success(request, _("Your note is posted."))
            if _wants_json(request):
                return JsonResponse({"location": note.get_absolute_url()}, status=201)
            return redirect(note)
    if request.method == "POST" and _wants_json(request):
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    limits = forms.photo_limits()
    context = {
        "form": form,
        "max_images": MAX_IMAGES,
        "limits": limits,
        "picker_text": forms.photo_picker_text(),
    }
    return render(request, "notes/compose.html", context, status=400 if form.errors else 200)


def _comments_context(request, note, *, sort=None, cursor=None, posted=None):
    """The comments section: one page in the reader's order (selectors.comment_page, as the API
    pages them); a comment just posted is shown even when its order puts it on a later page."""
    viewer = request.user
    sort = sort or request.GET.get("sort") or "hot"
    cursor = cursor if cursor is not None else request.GET.get("cursor")
    page = selectors.comment_page(note, viewer, sort=sort, cursor=cursor or None)
    items = page.items
    if posted is not None:
        thread = posted.parent if posted.parent_id else posted
        if thread.pk not in {c.pk for c in items}:
            items = [*selectors.comment_page_rows(note, viewer, [thread.pk]), *items]
    return {
        "note": note,
        "comments": items,
        "comments_cursor": page.next_cursor,
        "comments_paged": bool(cursor),
        "comment_sort": sort,
        "comment_sorts": [
            ("hot", pgettext("comment order", "Hot")),
            ("new", pgettext("comment order", "New")),
        ],
        "open_thread": posted.parent_id if posted is not None else None,
        # Replies from people on other servers (federation), after the first page's threads.
        "comments_elsewhere": [] if cursor else selectors.comments_elsewhere(note, viewer),
        # Each row says whether the reader liked it (read with the page's rows).
        "liked_comments": {
            c.pk for thread in items for c in (thread, *thread.replies.all()) if c.liked
        },
        # The note came through selectors.get_visible_note for this reader in this request.
        "can_comment": policies.can_comment(viewer, note, seen=True),
    }


def _note_context(request, note):
    viewer = request.user
    boards = selectors.own_boards(viewer) if viewer.is_authenticated else []
    boards.sort(key=lambda b: b.name not in default_board_names())  # the default board first
    liked, following, holding = selectors.reader_marks(viewer, note)
    return {
        "note": note,
        "liked": liked,
        "collected": bool(holding),
        "is_following": following,
        "is_author": viewer.is_authenticated and viewer.pk == note.author_id,
        **_comments_context(request, note),
        "comment_form": forms.CommentForm(),
        "boards": boards,
        "holding": holding,
        # The picker lists the default board first, even before it exists (saving makes it).
        "no_default_board": not any(b.name in default_board_names() for b in boards),
    }


def detail(request, pk):
    def make():
        note = selectors.get_visible_note(request.user, pk)
        return render(request, "notes/detail.html", _note_context(request, note))

    return visitor_page.serve(request, pk, make)


def video(request, pk):
    """A video note's player, or (for its author, while it is made) its progress: the note page
    polls this until the video is ready."""
    note = selectors.get_visible_note(request.user, pk)
    if note.video_duration is None:
        raise NotFound(_("This note has no video."))
    return render(request, "notes/_video.html", {"note": note})


@login_required
def edit(request, pk):
    note = selectors.get_visible_note(request.user, pk)
    if not policies.can_edit_note(request.user, note):
        raise PermissionDenied(_("Only the author can edit this note."))
    initial = {
        "title": note.title,
        "body": note.body,
        "visibility": note.visibility,
        "topics": " ".join(t.name for t in note.topics.all()),
    }
    form = forms.NoteEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.update_note, user=request.user, note=note, **form.cleaned_data
        ):
            messages.success(request, _("Note saved."))
            return redirect(note)
    return render(
        request, "notes/edit.html", {"form": form, "note": note}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def delete(request, pk):
    note = selectors.get_visible_note(request.user, pk)
    services.delete_note(user=request.user, note=note)
    messages.success(request, _("Note deleted."))
    return redirect("accounts:profile", username=request.user.username)


@login_required
@require_POST
@rate_limit("like")
def like(request, pk):
    note = selectors.get_visible_note(request.user, pk, brief=True)  # the button needs no text
    if request.POST.get("action") == "unlike":
        services.unlike_note(user=request.user, note=note)
    else:
        services.like_note(user=request.user, note=note, seen=True)
    if request.htmx:
        note.refresh_from_db(fields=["like_count"])
        liked = note.pk in selectors.liked_note_ids(request.user, [note])
        return render(request, "notes/_like_button.html", {"note": note, "liked": liked})
    return redirect(note)


@login_required
@require_POST
def collect(request, pk):
    """Save a note from the save picker: into a board picked there (`save`), into a new board
    named there (`new_board`), or into the default board; out of one board (`unsave`) or out of
    all of them (`action=uncollect`)."""
    note = selectors.get_visible_note(request.user, pk)
    post = request.POST

    def board(field):
        value = post.get(field, "")
        return selectors.get_visible_board(request.user, int(value)) if value.isdigit() else None

    error, saved_to = "", None
    try:
        if post.get("unsave", "").isdigit():
            services.uncollect_note(user=request.user, note=note, board=board("unsave"))
        elif "new_board" in post:
            saved_to = services.collect_to_new_board(
                user=request.user,
                note=note,
                name=post["new_board"],
                is_private=bool(post.get("is_private")),
            ).board
        elif post.get("action") == "uncollect":
            services.uncollect_note(user=request.user, note=note, board=board("board"))
        else:
            chosen = board("save") or board("board")
            saved_to = services.collect_note(user=request.user, note=note, board=chosen).board
    except InvalidInput as exc:
        error = exc.message
    if request.htmx:
        note.refresh_from_db(fields=["collect_count"])
        context = {**_note_context(request, note), "save_error": error, "saved_to": saved_to}
        return render(request, "notes/_collect_button.html", context, status=422 if error else 200)
    if error:
        messages.error(request, error)
    elif saved_to is not None:
        messages.success(request, _("Saved to %(board)s.") % {"board": saved_to.title})
    return redirect(note)


def comments(request, pk):
    """The note's comments in the order asked for (`sort`): the whole section, or with a
    `cursor` only the next page of threads (the "Show more comments" button)."""
    note = selectors.get_visible_note(request.user, pk)
    context = _comments_context(request, note)
    if context["comments_paged"]:
        return render(request, "notes/_comment_threads.html", context)
    return render(request, "notes/_comments.html", {**context, "comment_form": forms.CommentForm()})


@login_required
@require_POST
@rate_limit("comment")
def comment(request, pk):
    note = selectors.get_visible_note(request.user, pk)
    form = forms.CommentForm(request.POST)
    posted = None
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("parent_id"):
            parent = selectors.get_comment(request.user, form.cleaned_data["parent_id"])
        posted = run_service(
            form,
            services.add_comment,
            author=request.user,
            note=note,
            body=form.cleaned_data["body"],
            parent=parent,
        )
        if posted:
            form = forms.CommentForm()
    note.refresh_from_db(fields=["comment_count"])
    if request.htmx:
        context = _note_context(request, note)
        # The reader's order is kept; their new comment (or the thread of their reply) shows.
        sort = request.POST.get("sort") if request.POST.get("sort") in ("hot", "new") else "hot"
        context.update(_comments_context(request, note, sort=sort, cursor="", posted=posted))
        context["comment_form"] = form
        context["comment_posted"] = True  # the count beside the note's actions, out of band
        return render(request, "notes/_comments.html", context, status=422 if form.errors else 200)
    for error in form.errors.values():
        messages.error(request, error[0])
    return redirect(reverse("notes:detail", kwargs={"pk": pk}) + "#comments")


@login_required
@require_POST
@rate_limit("like")
def like_comment(request, pk):
    comment = selectors.get_comment(request.user, pk)
    if request.POST.get("action") == "unlike":
        services.unlike_comment(user=request.user, comment=comment)
    else:
        services.like_comment(user=request.user, comment=comment)
    if request.htmx:
        comment.refresh_from_db(fields=["like_count"])
        liked = selectors.liked_comment_ids(request.user, comment.note)
        return render(request, "notes/_comment_like.html", {"c": comment, "liked_comments": liked})
    return redirect(comment.note)


@login_required
@require_POST
def delete_comment(request, pk):
    comment = selectors.get_comment(request.user, pk)
    services.delete_comment(user=request.user, comment=comment)
    messages.success(request, _("Comment deleted."))
    return redirect(reverse("notes:detail", kwargs={"pk": comment.note_id}) + "#comments")


def topic(request, name):
    """A topic's notes, under every name of its subject: #猫 and #cats are one page's notes."""
    name = name.casefold()
    page = paginate(selectors.notes_with_topic(name, request.user), request.GET.get("cursor"))
    also = [t for t in selectors.topic_group(name) if t.name != name]
    return render(
        request,
        "notes/topic.html",
        {
            "topic": name,
            "also": also,
            "notes": page.items,
            "next_cursor": page.next_cursor,
            "liked_ids": selectors.liked_note_ids(request.user, page.items),
        },
    )


def board(request, pk):
    board_ = selectors.get_visible_board(request.user, pk)
    page = paginate(selectors.notes_in_board(board_, request.user), request.GET.get("cursor"))
    return render(
        request,
        "notes/board.html",
        {
            "board": board_,
            "notes": page.items,
            "next_cursor": page.next_cursor,
            "liked_ids": selectors.liked_note_ids(request.user, page.items),
        },
    )


@login_required
@require_POST
def create_board(request):
    form = forms.BoardForm(request.POST)
    if form.is_valid() and run_service(
        form, services.create_board, owner=request.user, **form.cleaned_data
    ):
        messages.success(request, _("Board created."))
    else:
        for errors in form.errors.values():
            messages.error(request, errors[0])
    return redirect(
        safe_next(
            request,
            reverse("accounts:profile", kwargs={"username": request.user.username}) + "?tab=boards",
        )
    )
