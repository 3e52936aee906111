"""The save picker without JavaScript (plain form posts) and through htmx: the default board,
a picked board, a new board named in the picker, out of one board; refused names say why."""

from crossnote.notes.models import Board, Collect
from crossnote.notes.services import collect_note


def _url(note):
    return f"/notes/{note.pk}/collect/"


def test_the_note_page_lists_the_boards_default_first(client_for, make_note, mia, lin):
    note = make_note(mia)
    Board.objects.create(owner=lin, name="Cats")
    page = client_for(lin).get(note.get_absolute_url()).content.decode()
    sheet = page[page.index('data-testid="save-sheet"') :]
    assert sheet.index('value="default"') < sheet.index("Cats") < sheet.index('name="new_board"')


def test_plain_posts_save_to_default_to_a_board_and_to_a_new_board(client_for, make_note, mia, lin):
    note = make_note(mia)
    cats = Board.objects.create(owner=lin, name="Cats")
    client = client_for(lin)
    answer = client.post(_url(note), {"save": "default"}, follow=True)
    assert "Saved to Saved." in answer.content.decode()
    client.post(_url(note), {"save": cats.pk})
    answer = client.post(_url(note), {"new_board": "Hotpot ideas"}, follow=True)
    assert "Saved to Hotpot ideas." in answer.content.decode()
    assert set(Collect.objects.values_list("board__name", flat=True)) == {
        "Saved",
        "Cats",
        "Hotpot ideas",
    }
    note.refresh_from_db()
    assert note.collect_count == 1  # one person
    client.post(_url(note), {"unsave": cats.pk})
    assert not Collect.objects.filter(board=cats).exists() and Collect.objects.count() == 2
    client.post(_url(note), {"action": "uncollect"})
    note.refresh_from_db()
    assert Collect.objects.count() == 0 and note.collect_count == 0


def test_a_refused_new_board_saves_nothing_and_says_why(client_for, make_note, mia, lin):
    note = make_note(mia)
    Board.objects.create(owner=lin, name="Cats")
    client = client_for(lin)
    answer = client.post(_url(note), {"new_board": "Cats"}, follow=True)
    assert "You already have a board with that name." in answer.content.decode()
    htmx = client.post(_url(note), {"new_board": "  "}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 422
    assert "A board name has 1–50 characters." in htmx.content.decode()
    assert "open" in htmx.content.decode().split("data-save-picker", 1)[1][:20]
    assert Collect.objects.count() == 0 and Board.objects.filter(owner=lin).count() == 1


def test_htmx_answers_with_the_picker_and_where_the_note_went(client_for, make_note, mia, lin):
    note = make_note(mia)
    cats = Board.objects.create(owner=lin, name="Cats")
    answer = client_for(lin).post(_url(note), {"save": cats.pk}, HTTP_HX_REQUEST="true")
    html = answer.content.decode()
    assert answer.status_code == 200 and f'href="/boards/{cats.pk}/"' in html
    assert f'name="unsave" value="{cats.pk}"' in html  # now a tap takes it out again
    assert 'data-testid="collect-count">1<' in html


def test_someone_elses_board_is_refused(client_for, make_note, mia, lin):
    note = make_note(mia)
    theirs = Board.objects.create(owner=mia, name="Mine")
    answer = client_for(lin).post(_url(note), {"save": theirs.pk})
    assert answer.status_code in (403, 404)
    collect_note(user=lin, note=note)
    assert not Collect.objects.filter(board=theirs).exists()


def test_the_api_saves_into_a_new_board_in_one_step(client_for, make_note, mia, lin):
    note = make_note(mia)
    client = client_for(lin)
    url = f"/api/v1/notes/{note.pk}/collect"
    made = client.post(url, {"new_board": "Hotpot ideas"}, content_type="application/json")
    assert made.status_code == 200 and made.json() == {"collected": True, "collect_count": 1}
    assert Collect.objects.get().board.name == "Hotpot ideas"
    again = client.post(url, {"new_board": "Hotpot ideas"}, content_type="application/json")
    assert again.status_code == 400 and Board.objects.filter(owner=lin).count() == 1
