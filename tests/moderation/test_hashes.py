"""Hash matching: PDQ survives resizing and recompression, MD5 is exact, spam waves share a text
hash, and hash lists import (several real-world forms) all or nothing."""

import io
import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from crossnote.moderation.detectors.hashes import (
    PDQ_MATCH_THRESHOLD,
    HashBank,
    HashEntry,
    HashListError,
    export_csv,
    import_csv,
    md5_hex,
    normalise_for_hash,
    pdq_distance,
    pdq_hash,
    pdq_hash_bytes,
    text_hash,
)


def poster(seed: int, size=(1200, 900)) -> Image.Image:
    """A textured picture (gradient, outlined shapes, a caption): PDQ needs texture to work on."""
    rnd = random.Random(seed)
    width, height = size
    x = np.linspace(0, 1, width)[None, :]
    y = np.linspace(0, 1, height)[:, None]
    a, b = rnd.uniform(0.2, 1), rnd.uniform(0.2, 1)
    ones = np.ones((height, width))
    channels = [255 * (a * x + (1 - a) * y) * ones, 255 * b * y * ones, 255 * (1 - x) * ones]
    image = Image.fromarray(np.stack(channels, axis=2).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(25):
        x0, y0 = rnd.randrange(width), rnd.randrange(height)
        box = (x0, y0, x0 + rnd.randrange(40, 400), y0 + rnd.randrange(40, 300))
        fill = tuple(rnd.randrange(256) for _ in range(3))
        shape = draw.ellipse if rnd.random() < 0.5 else draw.rectangle
        shape(box, fill=fill, outline=(0, 0, 0), width=5)
    draw.text((50, 50), f"Crossnote {seed}", fill="white", font=ImageFont.load_default(size=60))
    return image


def reposted(image: Image.Image) -> Image.Image:
    """What a re-uploader does: halve it and save as a JPEG of quality 60."""
    out = io.BytesIO()
    image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS).save(
        out, format="JPEG", quality=60
    )
    return Image.open(io.BytesIO(out.getvalue()))


def encoded(image: Image.Image, fmt="WEBP") -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def random_hex(rnd: random.Random, bits=256) -> str:
    return f"{rnd.getrandbits(bits):0{bits // 4}x}"


def flip_bits(hex_value: str, count: int, rnd: random.Random) -> str:
    number = int(hex_value, 16)
    for bit in rnd.sample(range(256), count):
        number ^= 1 << bit
    return f"{number:064x}"


@pytest.fixture(scope="module")
def banked():
    return poster(1)


@pytest.fixture(scope="module")
def bank(banked):
    value, _ = pdq_hash(banked)
    return HashBank([HashEntry("pdq", value, "violence", source="gifct", id=17)])


# --- PDQ -------------------------------------------------------------------------------------


def test_pdq_hash_is_64_hex_digits_with_a_quality(banked):
    value, quality = pdq_hash(banked)

    assert len(value) == 64 and int(value, 16) >= 0 and value == value.lower()
    assert 50 <= quality <= 100
    assert pdq_hash(banked.convert("RGBA")) == (value, quality)


def test_pdq_matches_a_halved_recompressed_copy_of_a_banked_image(banked, bank):
    value, quality = pdq_hash(reposted(banked))

    [signal] = bank.match_image(pdq_hex=value, quality=quality)

    distance = pdq_distance(value, pdq_hash(banked)[0])
    assert 0 < distance <= 16
    assert signal.layer == "hash" and signal.category == "violence"
    assert signal.rule == "hash:gifct#17"
    assert signal.detail == f"PDQ distance {distance}"
    assert signal.score == pytest.approx(1 - distance / 256)


def test_pdq_of_the_stored_webp_variant_matches_the_decoded_image(banked, bank):
    value, quality = pdq_hash_bytes(encoded(banked))

    assert [s.rule for s in bank.match_image(pdq_hex=value, quality=quality)] == ["hash:gifct#17"]


def test_pdq_does_not_match_a_different_image(banked, bank):
    value, quality = pdq_hash(poster(2))

    assert pdq_distance(value, pdq_hash(banked)[0]) > 64
    assert bank.match_image(pdq_hex=value, quality=quality) == []


def test_featureless_image_has_low_quality_and_is_not_matched():
    flat = Image.new("RGB", (400, 300), (200, 60, 60))
    value, quality = pdq_hash(flat)
    bank = HashBank([HashEntry("pdq", value, "spam")])

    assert quality < 50
    assert bank.match_image(pdq_hex=value, quality=quality) == []
    assert len(bank.match_image(pdq_hex=value)) == 1  # quality unknown: matched


def test_pdq_distance_counts_differing_bits():
    assert pdq_distance("0" * 64, "f" * 64) == 256
    assert pdq_distance("0" * 64, "0" * 63 + "1") == 1
    assert pdq_distance("8" + "0" * 63, "0" * 64) == 1


def test_bank_scan_agrees_with_pairwise_distance_at_the_threshold():
    rnd = random.Random(7)
    query = random_hex(rnd)
    near = {d: flip_bits(query, d, rnd) for d in (0, 5, PDQ_MATCH_THRESHOLD, 32, 90)}
    entries = [HashEntry("pdq", v, "hate", "bank", id=f"d{d}") for d, v in near.items()]
    entries += [HashEntry("pdq", random_hex(rnd), "spam", "bank", id=i) for i in range(3000)]
    bank = HashBank(entries)

    found = bank.match_image(pdq_hex=query)

    expected = sorted(
        (pdq_distance(query, e.value), e.rule)
        for e in entries
        if pdq_distance(query, e.value) <= PDQ_MATCH_THRESHOLD
    )
    assert [(int(s.detail.split()[-1]), s.rule) for s in found] == expected
    assert [s.rule for s in found] == ["hash:bank#d0", "hash:bank#d5", "hash:bank#d31"]
    assert found[0].score == 1.0
    assert len(bank.match_image(pdq_hex=query, threshold=32)) == 4
    assert len(bank.match_image(pdq_hex=query, limit=2)) == 2


def test_bank_refuses_a_malformed_entry():
    with pytest.raises(ValueError, match="expected 64"):
        HashBank([HashEntry("pdq", "abc", "spam")])


# --- MD5 -------------------------------------------------------------------------------------


def test_md5_matches_exactly_and_only_exactly(banked):
    data = encoded(banked, "PNG")
    bank = HashBank([HashEntry("md5", md5_hex(data).upper(), "sexual", "ncmec", id=3)])

    [signal] = bank.match_image(md5_hex=md5_hex(data))

    assert (signal.category, signal.score, signal.rule) == ("sexual", 1.0, "hash:ncmec#3")
    assert bank.match_image(md5_hex=md5_hex(data[:-1] + b"\x00")) == []
    assert md5_hex(b"") == "d41d8cd98f00b204e9800998ecf8427e"


# --- text ------------------------------------------------------------------------------------

SPAM = "Earn ¥5000 a day from home!! Add WeChat hx8826, details: https://promo.example.cn/join?utm_source=xhs&ref=123"

EDITED_REPOSTS = [
    "EARN ¥5000 A DAY FROM HOME!! add wechat HX8826, details: https://promo.example.cn/join?utm_source=weibo",
    "Earn  ¥8000 a  day\nfrom home!!   Add WeChat hx9931, details: https://promo.example.cn/join",
    "Ｅａｒｎ ¥５０００ a day from home!! Add WeChat hx8826, details: https://promo.example.cn/join#top",
    "Earn ¥5000 a day from\u200b home!! Add WeChat hx8826, details: https://promo.example.cn/join?x=9",
]


@pytest.mark.parametrize("repost", EDITED_REPOSTS)
def test_text_hash_matches_a_trivially_edited_repost(repost):
    assert text_hash(repost) == text_hash(SPAM)


@pytest.mark.parametrize(
    "other",
    [
        "Earn ¥5000 a week from home!! Add WeChat hx8826, details: https://promo.example.cn/join",
        "Earn ¥5000 a day from home!! Add WeChat hx8826, details: https://other.example.cn/join",
        "今天在家做了红烧肉，配方在评论区",
    ],
)
def test_text_hash_differs_for_different_text(other):
    assert text_hash(other) != text_hash(SPAM)


def test_chinese_spam_with_spaces_matches_and_normal_form_is_documented():
    assert text_hash("加 微 信 abc123 领 红 包") == text_hash("加微信ABC9领红包")
    assert normalise_for_hash("Visit https://x.cn/a?b=1 NOW 2025") == "visithttps://x.cn/anow0"


def test_bank_matches_text_reposts_but_not_blank_text():
    bank = HashBank(
        [
            HashEntry("text", text_hash(SPAM), "spam", "waves", id=9),
            HashEntry("text", text_hash(""), "spam"),
        ]
    )

    [signal] = bank.match_text(EDITED_REPOSTS[1])

    assert (signal.layer, signal.category, signal.score) == ("hash", "spam", 1.0)
    assert signal.rule == "hash:waves#9"
    assert bank.match_text("A lovely day at the beach") == []
    assert bank.match_text("  \u200b ") == []


# --- CSV import / export ---------------------------------------------------------------------

PDQ_A = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
PDQ_B = "e64cc9d91c623882f8d1f1d9a398e78c9f199b3bd83924f2b7e11e0bf861b064"
MD5_A = "d41d8cd98f00b204e9800998ecf8427e"


def read(text: str, **kwargs) -> list[HashEntry]:
    return import_csv(io.StringIO(text), kwargs.pop("category", "violence"), "list", **kwargs)


def test_export_then_import_round_trips():
    entries = [
        HashEntry("pdq", PDQ_A, "violence", "list", 'from a report, "quoted"', id=41),
        HashEntry("md5", MD5_A, "sexual", "list", "", id="ncmec-7"),
        HashEntry("text", text_hash(SPAM), "spam", "list"),
    ]
    out = io.StringIO()

    export_csv(entries, out)

    assert out.getvalue().splitlines()[0] == "kind,value,category,note,id"
    assert import_csv(io.StringIO(out.getvalue()), "hate", "list") == entries


def test_import_reads_a_bare_hash_per_line_and_typed_lines():
    entries = read(f"# exported 2026-01-02\n{PDQ_A.upper()}\n\nmd5 {MD5_A}\npdq {PDQ_B}\n")

    assert [(e.kind, e.value, e.category, e.source) for e in entries] == [
        ("pdq", PDQ_A, "violence", "list"),
        ("md5", MD5_A, "violence", "list"),
        ("pdq", PDQ_B, "violence", "list"),
    ]


def test_import_reads_hash_category_note_rows():
    entries = read(f"{PDQ_A},hate,flagged twice\n{PDQ_B},,\n")

    assert [(e.category, e.note) for e in entries] == [("hate", "flagged twice"), ("violence", "")]


def test_import_reads_threatexchange_dataset_rows_as_hma_samples_ship_them():
    text = (
        f"{PDQ_A},2880742865368386,2020-07-31T18:47:52+0000,media_priority_samples media_type_photo\n"
        f"{PDQ_B},93,photos/cat.jpg\n"
    )
    first, second = read(text)

    assert (first.id, first.note) == (2880742865368386, "media_priority_samples media_type_photo")
    assert (second.id, second.note, second.category) == (None, "photos/cat.jpg", "violence")


def test_import_reads_python_threatexchange_csv_with_header():
    text = (
        "collab,signal_type,signal_str,category,tags\n"
        f"Sample Signals,pdq,{PDQ_A},WORTH_INVESTIGATING,\n"
        f"Sample Signals,video_md5,{MD5_A},WORTH_INVESTIGATING,tag1 tag2\n"
        "Sample Signals,raw_text,Earn ¥5000 a day from home,WORTH_INVESTIGATING,\n"
    )
    pdq, md5, txt = read(text, category="spam")

    assert (pdq.kind, pdq.category, pdq.note) == ("pdq", "spam", "WORTH_INVESTIGATING")
    assert (md5.kind, md5.note) == ("md5", "WORTH_INVESTIGATING; tag1 tag2")
    assert (txt.kind, txt.value) == ("text", text_hash("earn ¥9 a day from home"))


def test_import_accepts_utf8_bytes_with_bom_and_keeps_a_repeated_hash_once():
    data = f"\ufeffvalue,category\n{PDQ_A},hate\n{PDQ_A},spam\n".encode()

    [entry] = import_csv(io.BytesIO(data), "violence", "list")

    assert entry.category == "hate"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            f"{PDQ_A}\n{PDQ_B}\n{PDQ_A[:-2]}\n",
            r"line 3: pdq value has 62 hex characters, expected 64",
        ),
        (f"{PDQ_A}\n# note\n{PDQ_B[:-1]}g\n", r"line 3: pdq value is not hexadecimal"),
        (f"{PDQ_A}\nsha1 {MD5_A}\n", r"line 2: unknown kind 'sha1'"),
        (f"kind,value,category\npdq,{PDQ_A},hate\nmd5\n", r"line 3: missing the value column"),
        (f"{PDQ_A},Hate Speech\n", r"line 1: category 'Hate Speech' is not a slug"),
        ("kind,category\npdq,hate\n", r"line 1: the header has no value column"),
        (f"{PDQ_A}\nmd5 {PDQ_B}\n", r"line 2: md5 value has 64 hex characters, expected 32"),
    ],
)
def test_malformed_list_names_the_line_and_imports_nothing(text, message):
    with pytest.raises(HashListError, match=message):
        read(text)


def test_non_utf8_file_is_refused():
    with pytest.raises(HashListError, match="line 1: the file is not UTF-8"):
        import_csv(io.BytesIO(b"\xff\xfe" + PDQ_A.encode("utf-16-le")), "spam", "list")
