"""PII detection: phone numbers, emails and ID numbers are found with spans in the original text;
dates, prices, order numbers and IDs with a wrong check character are not."""

import time

import pytest

from crossnote.moderation.detectors.pii import PiiDetector, is_cn_id, is_ssn

CN_ID = "11010519491231002X"  # the GB 11643 sample: check character X
CN_ID_WRONG_CHECK = "110105194912310021"


def found(text, region=""):
    """{rule: [span texts]}, checking each span points into the original text."""
    result = {}
    for signal in PiiDetector().detect(text, region=region):
        assert (signal.layer, signal.category, signal.score) == ("pii", "private_info", 1.0)
        for span in signal.spans:
            assert text[span.start : span.end] == span.text
            assert span.text not in signal.detail
        result[signal.rule] = [span.text for span in signal.spans]
    return result


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("加我 13812345678 聊", "13812345678"),
        ("call +86 138 1234 5678 after 6", "+86 138 1234 5678"),
        ("全角１３８１２３４５６７８也算", "１３８１２３４５６７８"),
        ("Text me at (415) 555-2671!", "(415) 555-2671"),
        ("office: 415-555-2671", "415-555-2671"),
        ("座机 010-12345678", "010-12345678"),
    ],
)
def test_phone_numbers_are_found(text, number):
    assert found(text) == {"pii:phone": [number]}


def test_author_region_reads_national_numbers_of_that_region():
    assert found("appelle le 06 12 34 56 78", region="FR") == {"pii:phone": ["06 12 34 56 78"]}
    assert found("appelle le 06 12 34 56 78", region="fr") == {"pii:phone": ["06 12 34 56 78"]}
    assert found("appelle le 06 12 34 56 78", region="US") == {}


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("邮箱：Lin.Wei@163.com。", "Lin.Wei@163.com"),
        ("write to a.b+notes@mail.example.co.uk.", "a.b+notes@mail.example.co.uk"),
        ("ＱＱ邮箱 12345@qq.com", "12345@qq.com"),
    ],
)
def test_emails_are_found(text, email):
    assert found(text) == {"pii:email": [email]}


def test_phone_number_inside_an_email_is_reported_once_as_the_email():
    assert found("13812345678@163.com") == {"pii:email": ["13812345678@163.com"]}


def test_valid_chinese_id_is_found_and_wrong_check_character_is_not():
    assert is_cn_id(CN_ID) and not is_cn_id(CN_ID_WRONG_CHECK)
    assert found(f"身份证号{CN_ID}，请保密") == {"pii:cn_id": [CN_ID]}
    assert found(f"身份证号{CN_ID.lower()}") == {"pii:cn_id": [CN_ID.lower()]}
    assert found(f"身份证号{CN_ID_WRONG_CHECK}") == {}


def test_eighteen_digits_without_a_real_birth_date_are_not_an_id():
    assert not is_cn_id("110105194913310027")  # month 13
    assert found("订单 202501151234567890") == {}


def test_ssn_in_an_issuable_range_is_found():
    assert found("SSN 123-45-6789 on file") == {"pii:us_ssn": ["123-45-6789"]}
    for area, group, serial in [("000", "12", "3456"), ("666", "12", "3456"), ("912", "12", "3456"),
                                ("123", "00", "4567"), ("123", "45", "0000")]:  # fmt: skip
        assert not is_ssn(area, group, serial)
        assert found(f"SSN {area}-{group}-{serial}") == {}


def test_kinds_are_reported_separately_and_detail_never_holds_the_value():
    signals = PiiDetector().detect(f"Call 13812345678 or 13900001111, mail x@qq.com, ID {CN_ID}")

    assert {s.rule: s.detail for s in signals} == {
        "pii:email": "email address",
        "pii:cn_id": "ID number",
        "pii:phone": "phone number",
    }
    phones = next(s for s in signals if s.rule == "pii:phone")
    assert [span.text for span in phones.spans] == ["13812345678", "13900001111"]


@pytest.mark.parametrize(
    "text",
    [
        "2025-01-15 12:30 到店",
        "2025/01/15",
        "¥1380 包邮",
        "价格 1380 元",
        "order 12345678",
        "订单号 12345678",
        "flight CA1380",
        "v1.2.3 released",
        "a@b",
        "me@localhost",
        "今天天气很好",
    ],
)
def test_dates_prices_and_order_numbers_are_not_pii(text):
    assert found(text, region="CN") == {}


def test_long_hostile_input_is_scanned_in_linear_time():
    hostile = "a" * 50_000 + "@" + "b." * 50_000 + "1" * 50_000
    started = time.perf_counter()

    PiiDetector().detect(hostile)

    assert time.perf_counter() - started < 2
