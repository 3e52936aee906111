"""Locust scenarios for bench/feeds_load.py (one scenario per run, picked by BENCH_SCENARIO).

Readers are world people with a session made by feeds_load.py (BENCH_SESSIONS: a file of
"sessionid csrftoken" lines); no think time, so each simulated user sends its next request as
soon as the last one answers (a closed loop: the server's ceiling, not a traffic model).
"""

import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, task

SCENARIO = os.environ.get("BENCH_SCENARIO", "hello")
SESSIONS = [
    line.split() for line in Path(os.environ["BENCH_SESSIONS"]).read_text().splitlines() if line
]
NOTE_IDS = [int(n) for n in os.environ.get("BENCH_NOTE_IDS", "1").split(",")]
IMAGE = (
    Path(os.environ.get("BENCH_IMAGE", "")).read_bytes() if os.environ.get("BENCH_IMAGE") else b""
)


class Reader(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.session, self.csrf = random.choice(SESSIONS)  # noqa: S311 - load spread, not security
        self.cookies = {"Cookie": f"sessionid={self.session}; csrftoken={self.csrf}"}
        self.unsafe = {**self.cookies, "X-CSRFToken": self.csrf, "Referer": self.host + "/"}

    def get(self, path, name, signed_in=True):
        headers = self.cookies if signed_in else {}
        with self.client.get(path, headers=headers, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task
    def one_request(self):
        note = random.choice(NOTE_IDS)  # noqa: S311
        if SCENARIO == "hello":
            self.get("/bench/hello", "hello view", signed_in=False)
        elif SCENARIO == "explore_api":
            self.get("/api/v1/feeds/explore?limit=20", "explore API (signed in)")
        elif SCENARIO == "explore_api_visitor":
            self.get("/api/v1/feeds/explore?limit=20", "explore API (visitor)", signed_in=False)
        elif SCENARIO == "explore_page":
            self.get("/", "explore page (signed in)")
        elif SCENARIO == "note_page":
            self.get(f"/notes/{note}/", "note page", signed_in=False)
        elif SCENARIO == "following_api":
            self.get("/api/v1/feeds/following?limit=20", "following API")
        elif SCENARIO == "like":
            with self.client.post(
                f"/api/v1/notes/{note}/like", headers=self.unsafe, name="like", catch_response=True
            ) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}: {response.text[:120]}")
        elif SCENARIO == "post_note":
            self.post_note()

    def post_note(self):
        body = (
            b'--XBOUNDARY\r\nContent-Disposition: form-data; name="title"\r\n\r\n'
            b'Benchmark note\r\n--XBOUNDARY\r\nContent-Disposition: form-data; name="body"\r\n\r\n'
            + "周末去了一家新开的咖啡店，拿铁很香。 #coffee".encode()
            + b'\r\n--XBOUNDARY\r\nContent-Disposition: form-data; name="images"; '
            b'filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
            + IMAGE
            + b"\r\n--XBOUNDARY--\r\n"
        )
        headers = {**self.unsafe, "Content-Type": "multipart/form-data; boundary=XBOUNDARY"}
        with self.client.post(
            "/api/v1/notes", data=body, headers=headers, name="post a note", catch_response=True
        ) as response:
            if response.status_code != 201:
                response.failure(f"HTTP {response.status_code}: {response.text[:120]}")
