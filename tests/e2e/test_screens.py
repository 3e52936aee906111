"""Screens: explore, a note, compose, messages and a profile at phone and desktop sizes, in English
and Chinese, saved as PNGs for a person to look at, and compared with the previous run's.

Where they go (ignored by git): tests/e2e/screens/latest/ (this run), baseline/ (the accepted
ones), diff/ (changed pixels in red) and REPORT.txt. A page that differs from its baseline by more
than CHANGED_RATIO of its pixels (or in size) is reported: listed in REPORT.txt and as a warning
at the end of the run, with its diff image. It is not accepted silently: its baseline stays until
someone who looked at it runs again with CROSSNOTE_SCREENS_ACCEPT=1 (or deletes the baseline);
CROSSNOTE_SCREENS_STRICT=1 turns a change into a failure.

Fonts and chromium builds draw text differently, so a baseline counts only on the machine set-up
that made it: baseline/MACHINE records the chromium version and the installed fonts, and another
set-up (a fresh CI runner, new fonts) starts a new baseline instead of reporting every page.
"""

import hashlib
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.e2e.community import build_community
from tests.e2e.conftest import CHROMIUM, DESKTOP, PHONE, log_in_as, wait_for_js

pytestmark = pytest.mark.e2e

SCREENS = Path(__file__).parent / "screens"
# A pixel counts as changed when a colour channel moved by more than this (anti-aliasing noise
# stays under it); a page counts as changed when more than CHANGED_RATIO of its pixels did.
PIXEL_TOLERANCE = 24
CHANGED_RATIO = 0.002


class ScreensChanged(UserWarning):
    """Pages that look different from their accepted baseline."""


def machine_fingerprint() -> str:
    """The chromium version and the installed fonts: what decides how a page is drawn here."""
    version = subprocess.run(  # noqa: S603 - our own chromium
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False, timeout=30
    ).stdout.strip()
    fc_list = shutil.which("fc-list")
    fonts = (
        subprocess.run(  # noqa: S603 - fontconfig's own lister
            [fc_list, ":", "family", "style"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        ).stdout
        if fc_list
        else ""
    )
    digest = hashlib.sha256("\n".join(sorted(fonts.splitlines())).encode()).hexdigest()[:16]
    return f"{version}\nfonts {digest}\n"


def changed_ratio(before: Path, after: Path, diff_to: Path | None = None) -> float:
    """The share of pixels that differ (1.0 when the sizes do); draws the changes in red."""
    with Image.open(before) as old, Image.open(after) as new:
        if old.size != new.size:
            return 1.0
        delta = ImageChops.difference(old.convert("RGB"), new.convert("RGB"))
        mask = delta.convert("L").point(lambda v: 255 if v > PIXEL_TOLERANCE else 0)
        changed = mask.histogram()[255]
        if changed / (new.size[0] * new.size[1]) > CHANGED_RATIO and diff_to is not None:
            faded = Image.blend(new.convert("RGB"), Image.new("RGB", new.size, "white"), 0.6)
            faded.paste((220, 0, 0), mask=mask)
            faded.save(diff_to)
        return changed / (new.size[0] * new.size[1])


class Screens:
    """This run's screenshots, compared with the baseline when it comes from this set-up."""

    def __init__(self, root: Path):
        self.latest, self.baseline, self.diff = root / "latest", root / "baseline", root / "diff"
        self.report = root / "REPORT.txt"
        for folder in (self.latest, self.diff):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        fingerprint = machine_fingerprint()
        stamp = self.baseline / "MACHINE"
        self.fresh_baseline = not stamp.exists() or stamp.read_text() != fingerprint
        if self.fresh_baseline:
            shutil.rmtree(self.baseline, ignore_errors=True)
            self.baseline.mkdir(parents=True)
            stamp.write_text(fingerprint)
        self.accept = os.environ.get("CROSSNOTE_SCREENS_ACCEPT") == "1"
        self.changed: list[tuple[str, float]] = []
        self.new: list[str] = []

    def take(self, page, name: str) -> None:
        shot = self.latest / f"{name}.png"
        page.screenshot(path=shot, full_page=True, animations="disabled", caret="hide")
        accepted = self.baseline / shot.name
        if not accepted.exists():
            self.new.append(name)
            shutil.copyfile(shot, accepted)
            return
        ratio = changed_ratio(accepted, shot, self.diff / shot.name)
        if ratio > CHANGED_RATIO:
            self.changed.append((name, ratio))
            if self.accept:
                shutil.copyfile(shot, accepted)

    def write_report(self) -> str:
        lines = [f"screens in {self.latest}"]
        if self.fresh_baseline:
            lines.append("baseline recorded afresh (none yet from this chromium and font set)")
        elif self.new:
            lines.append(f"new pages, now the baseline: {', '.join(self.new)}")
        verb = "changed, accepted" if self.accept else "changed since the baseline (see diff/)"
        lines += [f"{verb}: {name} ({ratio:.1%} of pixels)" for name, ratio in self.changed]
        if not self.changed:
            lines.append("no page changed")
        text = "\n".join(lines) + "\n"
        self.report.write_text(text)
        return text


def screen_pages(world) -> dict[str, str]:
    return {
        "explore": "/",
        "note": world.note.get_absolute_url(),
        "compose": "/notes/new/",
        "messages": f"/messages/{world.conversation_id}/",
        "profile": f"/u/{world.lin.username}/",
    }


def test_main_screens_in_both_languages_at_both_sizes(live_server, browser, page_errors):
    world = build_community()
    screens = Screens(SCREENS)
    for locale, lang in (("en-US", "en"), ("zh-CN", "zh")):
        context = log_in_as(browser, live_server, world.mia, locale=locale)
        page = page_errors.watch(context.new_page())
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            for name, path in screen_pages(world).items():
                response = page.goto(live_server.url + path)
                assert response.status == 200, f"{path}: {response.status}"
                page.wait_for_load_state("networkidle")
                # Photos drawn before the shot (lazy ones too), so two runs draw the same page.
                page.evaluate("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
                wait_for_js(page, "[...document.images].every(i => i.complete)")
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= size["width"], f"{lang} {name} scrolls sideways: {width}"
                screens.take(page, f"{name}-{lang}-{size['width']}")
        context.close()
    report = screens.write_report()
    print(report)
    assert len(list(screens.latest.glob("*.png"))) == 20
    assert not page_errors, page_errors
    if screens.changed and not screens.accept:
        message = "pages changed since their baseline:\n" + report
        if os.environ.get("CROSSNOTE_SCREENS_STRICT") == "1":
            pytest.fail(message, pytrace=False)
        warnings.warn(message, ScreensChanged, stacklevel=1)


def test_comparison_reports_a_change_and_ignores_noise(tmp_path):
    base = Image.new("RGB", (100, 100), (250, 250, 250))
    base.save(tmp_path / "a.png")
    noisy = base.copy()
    noisy.putpixel((5, 5), (240, 240, 240))  # under the tolerance: anti-aliasing
    noisy.save(tmp_path / "b.png")
    assert changed_ratio(tmp_path / "a.png", tmp_path / "b.png") == 0
    moved = base.copy()
    moved.paste((20, 20, 20), (10, 10, 30, 20))  # a 20x10 block: 2% of the page
    moved.save(tmp_path / "c.png")
    assert changed_ratio(tmp_path / "a.png", tmp_path / "c.png", tmp_path / "d.png") == 0.02
    assert (tmp_path / "d.png").exists()
    Image.new("RGB", (100, 120)).save(tmp_path / "e.png")
    assert changed_ratio(tmp_path / "a.png", tmp_path / "e.png") == 1.0


def test_a_baseline_from_another_set_up_is_replaced_not_compared(tmp_path, monkeypatch):
    root = tmp_path / "screens"
    (root / "baseline").mkdir(parents=True)
    (root / "baseline" / "MACHINE").write_text("chromium 1\nfonts x\n")
    (root / "baseline" / "old.png").write_bytes(b"")
    screens = Screens(root)
    assert screens.fresh_baseline
    assert not (root / "baseline" / "old.png").exists()
    assert Screens(root).fresh_baseline is False  # the same set-up next time
