"""Likes that arrive together in one process are written together (crossnote.notes.likewrite.
LikeBatcher): one statement, one pass through the write gate, for every like waiting while the
last was written; each caller still gets its own answer (the count, its own notification, False
for a like that was there already), and nothing is written twice or lost.

Runs a real process on a migrated SQLite file (the suite's own database is in memory, where there
is no write gate and likes are written one by one)."""

import json
import subprocess
import sys

from tests.served import ROOT, migrate_data, world_env

SCRIPT = r"""
import json, os, threading, time
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_save
from crossnote.accounts.models import User
from crossnote.notes import likewrite, services
from crossnote.notes.models import Note, NoteLike
from crossnote.social.models import Notification

likewrite.BATCH_MOST = int(os.environ.get("BATCH_MOST") or likewrite.BATCH_MOST)
author = User.objects.create(username="mia_ms", email="mia@example.com", password="!")
readers = [User.objects.create(username=f"reader{n}", email=f"r{n}@example.com", password="!")
           for n in range(6)]
notes = [Note.objects.create(author=author, title=f"Dumplings {n}", body="") for n in range(2)]
# With LIKED_BEFORE, reader0 liked note 0 before; the author likes her own note (counted,
# nobody told).
if os.environ["LIKED_BEFORE"] == "1":
    assert services.like_note(user=readers[0], note=notes[0]) is True
stored = []
post_save.connect(lambda sender, instance, created, **kw: stored.append(instance.pk),
                  sender=Notification, weak=False)
connection.close()

asks = [(readers[n], notes[n % 2]) for n in range(6)] + [(author, notes[1])]
answers = {}

def like(n, user, note):
    note = Note.objects.get(pk=note.pk)
    answers[n] = [services.like_note(user=user, note=note), note.like_count]
    connection.close()

batcher = likewrite._BATCHER
with batcher.turn:  # a like being written: the others wait behind it, together
    batcher.busy = True
threads = [threading.Thread(target=like, args=(n, u, nt)) for n, (u, nt) in enumerate(asks)]
for thread in threads:
    thread.start()
deadline = time.monotonic() + (20 if settings.CROSSNOTE_SQLITE_LIKE_BATCH else 0)
while len(batcher.waiting) < len(asks) and time.monotonic() < deadline:
    time.sleep(0.005)
waiting = len(batcher.waiting)
with batcher.turn:
    batcher.busy = False
    batcher.turn.notify_all()
for thread in threads:
    thread.join()

told = list(Notification.objects.filter(verb="like").values_list("pk", "actor__username", "note_id"))
print(json.dumps({
    "batching": settings.CROSSNOTE_SQLITE_LIKE_BATCH,
    "waiting": waiting,
    "batches": batcher.batches, "likes": batcher.likes,
    "answers": [answers[n] for n in range(len(asks))],
    "counts": [Note.objects.get(pk=n.pk).like_count for n in notes],
    "rows": [NoteLike.objects.filter(note=n).count() for n in notes],
    "told": sorted([a, notes.index(Note.objects.get(pk=i))] for _, a, i in told),
    "stored": len(stored),
}))
"""


def run(tmp_path, batch: str, *, liked_before: bool = True, most: int = 0) -> dict:
    data = tmp_path / "data"
    migrate_data(data)
    env = {
        **world_env(data),
        "CROSSNOTE_SQLITE_LIKE_BATCH": batch,
        "CROSSNOTE_SCHEDULER": "0",
        "LIKED_BEFORE": "1" if liked_before else "0",
        "BATCH_MOST": str(most or ""),
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_likes_waiting_together_are_written_in_one_statement_each_with_its_own_answer(tmp_path):
    seen = run(tmp_path, "1", liked_before=False)
    assert seen["batching"] is True and seen["waiting"] == 7
    assert seen["batches"] == 1 and seen["likes"] == 7  # one statement for the seven
    assert [answer[0] for answer in seen["answers"]] == [True] * 7
    assert seen["counts"] == [3, 4] and seen["rows"] == [3, 4]
    # Each like's count is the note's count after its batch.
    assert [answer[1] for answer in seen["answers"]] == [3, 4, 3, 4, 3, 4, 4]
    # Told once per reader and note, the author's like of her own note told nobody, and each
    # notification the batch wrote reached the open pages' badge (post_save) once.
    assert seen["told"] == sorted([f"reader{n}", n % 2] for n in range(6))
    assert seen["stored"] == 6


def test_a_like_that_was_there_costs_its_batch_one_statement_each_not_the_others(tmp_path):
    seen = run(tmp_path, "1")
    assert seen["waiting"] == 7
    # reader0's like of note 0 was there already: the batch's statement was refused whole,
    # then each like went alone: that one refused, the six others counted.
    assert seen["batches"] == 1 + 6 and seen["likes"] == 1 + 6
    assert seen["answers"][0] == [False, 1]
    assert [answer[0] for answer in seen["answers"][1:]] == [True] * 6
    assert seen["counts"] == [3, 4] and seen["rows"] == [3, 4]
    assert seen["told"] == sorted([f"reader{n}", n % 2] for n in range(6))
    assert seen["stored"] == 5  # reader0 was told before the threads began


def test_switched_off_every_like_is_its_own_statement(tmp_path):
    seen = run(tmp_path, "0", liked_before=False)
    assert seen["batching"] is False
    assert seen["batches"] == 0 and seen["waiting"] == 0
    assert seen["counts"] == [3, 4] and seen["stored"] == 6


def test_more_waiting_than_a_statement_takes_go_in_several_and_every_one_is_answered(tmp_path):
    seen = run(tmp_path, "1", liked_before=False, most=3)
    assert seen["waiting"] == 7
    assert seen["batches"] == 3 and seen["likes"] == 7  # 3 + 3 + 1
    assert [answer[0] for answer in seen["answers"]] == [True] * 7
    assert seen["counts"] == [3, 4] and seen["stored"] == 6
