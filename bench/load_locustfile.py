"""The load clients of bench/load_bench.py (locust, headless). Not run by hand.

BENCH_MODE=pages: every client logs in as one account (adviseur, ambtenaar, raadslid or
werkgroep partner, in turn) and browses the pages that account may see (bench/load_probe.py
found them), with theme saves by those who may edit; one import and one render are started
during the run, through the real views, and followed on their progress pages.
The warm-up is not counted: at least BENCH_WARMUP seconds and until every client has logged
in (16 password hashes take seconds of CPU on 2 cores; the login times are written to the
summary apart), plus each gunicorn worker's first pages. Then the statistics are reset, the
import and render start, and BENCH_DURATION seconds later (or once the import and render
are done, if later) the run stops.
BENCH_MODE=floor: the same clients, the floor view only.

Every request says `X-Forwarded-Proto: https` (as the TLS proxy would) and every POST an
Origin, as a browser does: Django checks it on HTTPS requests.
"""

import json
import os
import random
import time
from html.parser import HTMLParser
from pathlib import Path

import gevent
from gevent.lock import Semaphore
from locust import HttpUser, constant, events, task

TARGETS = json.loads(Path(os.environ["BENCH_TARGETS"]).read_text(encoding="utf-8"))
MODE = os.environ.get("BENCH_MODE", "pages")
THINK = float(os.environ.get("BENCH_THINK", "0"))
SUMMARY = os.environ.get("BENCH_SUMMARY")
WARMUP = float(os.environ.get("BENCH_WARMUP", "0"))
DURATION = float(os.environ.get("BENCH_DURATION", "60"))
EDIT_DELAY = float(os.environ.get("BENCH_EDIT_DELAY", "3"))
HEADERS = {"X-Forwarded-Proto": "https"}

_next_account = 0
_edits = {"import": None, "render": None, "saves": 0, "conflicts": 0}
_logins: list[float] = []  # ms, of the clients that logged in
_measured: dict[str, float] = {}
_edit_lock = Semaphore()
_measuring_since: float | None = None


class _FormFields(HTMLParser):
    """The named fields of the first form whose action ends with `action`."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.fields, self._in, self._done = action, {}, False, False
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self._done and (attrs.get("action") or "").endswith(self.action):
            self._in = True
        elif self._in and tag == "input" and attrs.get("name"):
            if attrs.get("type") not in ("checkbox", "radio", "submit") or "checked" in attrs:
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif self._in and tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._in:
            self._in, self._done = False, True


def form_fields(html: str, action: str) -> dict[str, str]:
    parser = _FormFields(action)
    parser.feed(html)
    return parser.fields


class BenchUser(HttpUser):
    wait_time = constant(THINK)

    def on_start(self):
        self.client.headers.update(HEADERS)
        self.origin = {"Origin": self.host.replace("http://", "https://")}
        if MODE == "floor":
            _logins.append(0.0)  # nothing to log in to: ready
            return
        global _next_account
        accounts = TARGETS["accounts"]
        # Round robin over the roles, then over each role's accounts.
        by_role: dict[str, list] = {}
        for account in accounts:
            by_role.setdefault(account["role"], []).append(account)
        roles = sorted(by_role)
        role = roles[_next_account % len(roles)]
        self.account = by_role[role][(_next_account // len(roles)) % len(by_role[role])]
        _next_account += 1
        self.rng = random.Random(_next_account)
        # Every kind in turn, from a different start per client; a random URL of the kind.
        self.kinds = sorted(self.account["urls"])
        self.turn = self.rng.randrange(len(self.kinds))
        started = time.monotonic()
        try:
            self._login(self.account["email"])
        finally:  # counted also when it failed: the measurement must not wait for it
            _logins.append((time.monotonic() - started) * 1000)

    def _login(self, email: str):
        login = "/account/inloggen/"
        self.client.get(login, name="login")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            login,
            data={"username": email, "password": TARGETS["password"], "csrfmiddlewaretoken": token},
            headers={**self.origin, "Referer": self.origin["Origin"] + login},
            name="login",
            catch_response=True,
        ) as response:
            if (
                response.url.rstrip("/").endswith("inloggen")
                or "sessionid" not in self.client.cookies
            ):
                response.failure(f"login as {email} failed")

    def _post(self, url: str, data: dict, name: str, **kwargs):
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        headers = {**self.origin, "Referer": self.origin["Origin"] + url}
        kwargs.setdefault("allow_redirects", False)
        return self.client.post(url, data=data, headers=headers, name=name, **kwargs)

    @task
    def step(self):
        if MODE == "floor":
            self.client.get("/__floor__", name="floor")
            return
        editing = self.account["can_edit"]
        if editing and self._maybe_start_edit():
            return
        if editing and self.rng.random() < 0.1:
            self._theme_save()
            return
        kind = self.kinds[self.turn % len(self.kinds)]
        self.turn += 1
        url = self.rng.choice(self.account["urls"][kind])
        self.client.get(url, name=kind)

    def _maybe_start_edit(self) -> bool:
        """Exactly one import and one render in the run, each by the first client that may."""
        if _measuring_since is None or time.monotonic() - _measuring_since < EDIT_DELAY:
            return False
        with _edit_lock:
            for what in ("import", "render"):
                target = TARGETS["edit"][what]
                if _edits[what] is None and target["email"] == self.account["email"]:
                    _edits[what] = "started"
                    break
            else:
                return False
        self._edit_started = time.monotonic()
        try:
            getattr(self, f"_{what}")(target)
        except Exception as error:
            _edits[what] = f"failed in the client: {error!r}"
            raise
        return True

    def _follow(self, url: str, what: str) -> None:
        """The progress page as htmx polls it, until the task is done (204) or 60 s pass."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            response = self.client.get(url, headers={"HX-Request": "true"}, name=f"{what} progress")
            if response.status_code == 204:
                _edits[what] = f"done in {time.monotonic() - self._edit_started:.1f} s"
                return
            if response.status_code != 200:
                _edits[what] = f"progress page answered {response.status_code}"
                return
            time.sleep(1)
        _edits[what] = "not done after 60 s"

    def _import(self, target):
        self._edit_measuring_since: float | None = None
        path = Path(target["file"])
        with path.open("rb") as handle:
            response = self._post(
                target["url"],
                {"kind": "survey", "year": str(target["year"]), "template": ""},
                "import start",
                files={"file": (path.name, handle, "application/octet-stream")},
            )
        where = response.headers.get("Location", "")
        if response.status_code == 302 and "/importeren/" in where:
            self._follow(where.replace(self.host, ""), "import")
        else:
            _edits["import"] = f"not started (status {response.status_code})"

    def _render(self, target):
        self._edit_measuring_since: float | None = None
        data = {"document": target["document"], "part": "", "format": "pdf", "variant": ""}
        response = self._post(target["url"], data, "render start")
        where = response.headers.get("Location", "")
        if response.status_code == 302 and "/opmaak/" in where:
            self._follow(where.replace(self.host, ""), "render")
        else:
            _edits["render"] = f"not started (status {response.status_code})"

    def _theme_save(self):
        url = self.rng.choice(self.account["urls"]["analysis theme"])
        page = self.client.get(url, name="analysis theme")
        fields = form_fields(page.text, "/opslaan/")
        if "version" not in fields:
            return
        stamp = time.strftime("%H:%M:%S")
        fields["knelpunten"] = (
            f"<div>Bijgewerkt om {stamp} door {self.account['email']} (belastingtest).</div>"
        )
        fields.pop("csrfmiddlewaretoken", None)
        with self._post(url + "opslaan/", fields, "analysis save", catch_response=True) as r:
            if r.status_code == 409:
                # Two clients saved the same theme: the product keeps both texts and asks;
                # a correct answer, counted apart.
                _edits["conflicts"] += 1
                r.success()
            elif r.ok:
                _edits["saves"] += 1


@events.test_start.add_listener
def _warmup(environment, **_kwargs):
    def measure_then_stop():
        global _measuring_since
        gevent.sleep(WARMUP)
        while len(_logins) < environment.parsed_options.num_users:
            gevent.sleep(0.2)
        environment.stats.reset_all()
        _measuring_since = time.monotonic()
        gevent.sleep(DURATION)
        # The import and render are followed to the end (the clients go on browsing
        # meanwhile), up to two minutes more; the measured time says how long it was.
        give_up = time.monotonic() + 120
        while "started" in (_edits["import"], _edits["render"]) and time.monotonic() < give_up:
            gevent.sleep(0.5)
        _measured["seconds"] = time.monotonic() - _measuring_since
        environment.runner.quit()

    gevent.spawn(measure_then_stop)


@events.test_stop.add_listener
def _summary(**_kwargs):
    if SUMMARY:
        logins = sorted(_logins) if MODE == "pages" else []
        data = {
            "edits": _edits,
            "logins_ms": [round(ms) for ms in logins],
            "measured_seconds": _measured.get("seconds"),
        }
        Path(SUMMARY).write_text(json.dumps(data), encoding="utf-8")
