"""The OCR engine on pictures drawn here: Chinese and English lines found with their boxes
where they were drawn, pieces of one line joined, and the bounds (bad bytes, the time limit,
the pixel cap) holding."""

import io

import pytest
from PIL import Image

from crossnote.vision import ocr
from tests.vision.vision_images import text_image


def _close(found, expected, slack=0.06):
    return all(abs(a - b) <= slack for a, b in zip(found, expected, strict=True))


def test_chinese_and_english_lines_are_read_with_their_boxes():
    data, drawn = text_image(["今天的火锅真好吃", "Welcome TikTok refugees!"], size=(520, 200))
    reading = ocr.read_text(data)
    assert [line.text for line in reading.lines] == ["今天的火锅真好吃", "Welcome TikTok refugees!"]
    for line, (_text, box) in zip(reading.lines, drawn, strict=True):
        assert _close(line.box, box), (line.box, box)
        assert line.confidence > 0.8
    assert reading.text == "今天的火锅真好吃\nWelcome TikTok refugees!"
    assert (reading.width, reading.height) == (520, 200)
    assert reading.elapsed_ms > 0


def test_a_line_split_by_the_detector_is_joined_again_in_reading_order():
    pieces = [
        ocr.Line("TikTok refugees!", [0.4, 0.5, 0.9, 0.62], 0.97),
        ocr.Line("菜单", [0.1, 0.1, 0.3, 0.25], 0.99),
        ocr.Line("Welcome", [0.05, 0.51, 0.37, 0.61], 0.99),
    ]
    lines = ocr.merge_lines(pieces)
    assert [line.text for line in lines] == ["菜单", "Welcome TikTok refugees!"]
    assert lines[1].box == [0.05, 0.5, 0.9, 0.62]
    assert lines[1].confidence == 0.97


def test_a_piece_left_of_a_taller_han_glyph_joins_it_in_order():
    # "cnm，滚": the Latin piece sits lower (x-height) than the Han glyph on its right.
    pieces = [
        ocr.Line("滚", [0.5, 0.10, 0.6, 0.30], 0.99),
        ocr.Line("cnm,", [0.1, 0.15, 0.48, 0.30], 0.95),
        ocr.Line("第二行", [0.1, 0.5, 0.4, 0.7], 0.99),
    ]
    assert [line.text for line in ocr.merge_lines(pieces)] == ["cnm,滚", "第二行"]


def test_han_pieces_are_joined_without_a_space():
    pieces = [
        ocr.Line("麻婆", [0.1, 0.1, 0.3, 0.2], 0.9),
        ocr.Line("豆腐", [0.32, 0.1, 0.5, 0.2], 0.9),
    ]
    assert [line.text for line in ocr.merge_lines(pieces)] == ["麻婆豆腐"]


def _jpeg(picture) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="JPEG")
    return out.getvalue()


def test_a_photo_without_text_has_no_lines():
    gradient = Image.linear_gradient("L").resize((300, 200)).convert("RGB")
    reading = ocr.read_text(_jpeg(gradient))
    assert reading.lines == [] and reading.text == "" and reading.confidence == 0.0


def test_a_photo_of_one_colour_is_not_given_to_the_engine():
    flat = Image.new("RGB", (640, 480), (200, 60, 60))
    assert ocr._flat(flat) and not ocr._flat(Image.linear_gradient("L").convert("RGB"))
    reading = ocr.read_text(_jpeg(flat))
    assert reading.lines == [] and (reading.width, reading.height) == (640, 480)


def test_bytes_that_are_no_image_fail_cleanly():
    with pytest.raises(ocr.OcrFailed, match="not a readable image"):
        ocr.read_text(b"this is not a picture")


def test_a_reading_over_the_time_limit_is_abandoned():
    data, _boxes = text_image(["时间到了"], size=(300, 120))
    with pytest.raises(ocr.OcrFailed, match="took over"):
        ocr.read_text(data, time_limit=0.001)
    # The worker is free again afterwards: the next reading succeeds.
    assert ocr.read_text(data).text == "时间到了"


def test_a_huge_picture_is_shrunk_before_it_is_read(monkeypatch):
    monkeypatch.setattr(ocr, "MAX_PIXELS", 200_000)
    data, _boxes = text_image(["BIG SIGN 大字"], size=(1600, 900), font_size=120)
    reading = ocr.read_text(data)
    assert reading.width * reading.height <= 200_000
    assert reading.width / reading.height == pytest.approx(1600 / 900, rel=0.01)
    assert "大字" in reading.text


def test_text_beyond_the_cap_is_cut_at_a_whole_line(monkeypatch):
    monkeypatch.setattr(ocr, "MAX_TEXT_CHARS", 12)
    data, _boxes = text_image(["第一行文字", "第二行文字", "第三行文字"], size=(320, 260))
    reading = ocr.read_text(data)
    assert [line.text for line in reading.lines] == ["第一行文字", "第二行文字"]
