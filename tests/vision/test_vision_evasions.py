"""Insults drawn the ways people dodge a word filter (full-width letters, letters spaced apart,
Cyrillic look-alikes, circled letters), drawn here in the Noto CJK fonts, are caught once read:
lines the detector split are recognised again whole, stray single letters are closed up, and the
moderation normaliser folds full-width and look-alike letters (crossnote.vision.ocr.screening_text).
Harmless text is not changed into something else by either step."""

import pytest

from crossnote.moderation.services import screen_text
from crossnote.notes.models import ModerationState, Note
from crossnote.vision import ocr
from tests.vision.vision_images import NOTO_SANS, NOTO_SERIF, text_image


def acts(text: str) -> bool:
    _signals, verdict = screen_text(text, kind="note")
    return verdict.acts


def caught(reading) -> bool:
    """Whether any way of reading the picture is acted on (vision screens each on its own)."""
    return any(acts(text) for text in reading.screenings)


def test_stray_single_letters_are_closed_up_for_screening_only():
    assert ocr.screening_text("s hithead") == "s hithead\nshithead"
    assert ocr.screening_text("b 1 t ch").splitlines()[1] == "b1tch"
    assert ocr.screening_text("i d i o t").splitlines()[1] == "idiot"
    # Words of one letter stay words; nothing changes in ordinary lines.
    for line in ["I am a cat", "Welcome TikTok refugees!", "Open daily 8am", "a hole in one"]:
        assert ocr.screening_text(line) == line


def test_a_line_read_again_whole_is_screened_on_its_own_beside_the_pieces():
    assert ocr.screening_text("脑列残\n第二行", rereads=["脑残", ""]) == "脑残\n第二行"
    assert ocr.screening_text("g 0 ki 1 1", rereads=["go kill"]) == "go kill"
    assert ocr.screening_texts("脑列残\n第二行", rereads=["脑残", ""]) == [
        "脑列残\n第二行",
        "脑残\n第二行",
    ]
    assert ocr.screening_texts("s hithead", rereads=[""]) == ["s hithead\nshithead"]
    assert ocr.screening_texts("") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "drawn,path",
    [
        ("ｆｕｃｋ ｙｏｕ", NOTO_SANS),  # full-width
        ("ｓｔｕｐｉｄ ｂａｓｔａｒｄ", NOTO_SERIF),
        ("g o   k i l l   y o u r s e l f", NOTO_SERIF),  # spaced apart
        ("脑\u3000残", NOTO_SANS),  # ideographic spaces between the characters
        ("уоu stupid bitсh", NOTO_SANS),  # Cyrillic у, о, с
        ("ⓦⓗⓐⓣ ⓐ ⓡⓔⓣⓐⓡⓓ", NOTO_SERIF),  # circled
    ],
)
def test_an_evasion_drawn_into_a_picture_is_caught(drawn, path):
    assert acts(drawn)  # typed, the normaliser catches it
    data, _boxes = text_image([drawn], size=(760, 120), font_size=36, path=path)
    reading = ocr.read_text(data)
    assert caught(reading), (reading.text, [line.reread for line in reading.lines])


@pytest.mark.django_db
def test_harmless_pictures_stay_harmless_when_read_again_whole():
    for lines in (["新人报到 求互关", "Free Wi-Fi 免费无线网络"], ["Ｏｐｅｎ ｄａｉｌｙ ８ａｍ"]):
        data, _boxes = text_image(lines, size=(760, 200), font_size=36)
        assert not caught(ocr.read_text(data))


@pytest.mark.django_db
def test_a_note_with_a_full_width_insult_in_its_photo_is_moderated(
    lin, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from crossnote.notes.services import create_note

    data, _boxes = text_image(["ｆｕｃｋ ｙｏｕ"], size=(520, 120), font_size=36)
    with django_capture_on_commit_callbacks(execute=True):
        note = create_note(
            author=lin, title="看看", images=[SimpleUploadedFile("m.png", data, "image/png")]
        )
    assert Note.objects.get(pk=note.pk).moderation != ModerationState.VISIBLE
