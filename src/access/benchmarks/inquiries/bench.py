"""``access bench inquiries``: the inquiry API end to end under load (issue 5).

Authentication (knox token), validation, candidate search on the database index, the audited
submission, over HTTP on loopback: gunicorn serves ``access.wsgi``, locust's users post IAQs.

1. the configured database must be a benchmark database (its name contains ``bench``);
   PostgreSQL's is created when missing (``--fresh`` drops and recreates it), then migrated;
2. ``records`` synthetic records (``access.records.synthetic.generate``) are loaded with the
   records app's audited loader (keys and feature rows; COPY on PostgreSQL), unless the same
   population is already there;
3. the inquiry model is trained on a bounded sample of stored feature rows, and the online
   store is published (``access records publish``) unless it already describes the store or
   ``--database-index`` asks for the database index alone;
4. an agency officer with a confirmed authenticator gets a knox token directly (the API only
   issues tokens to MFA-verified sessions; the issue is audited as ``api.token_issued``);
5. payloads: ``synthetic.probes`` of the same population (present people written afresh
   with errors, and absent people), as the API's JSON fields, ASCII as Nlets carries them;
6. gunicorn (gthread) on 127.0.0.1, locust headless with ``users`` users for ``seconds``;
7. the ``inquiry.submitted`` audit events and stored inquiries are counted against the
   successful requests.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import signal
import subprocess  # nosec B404 - runs this project's own gunicorn and locust
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from access.accounts.events import Event
from access.core.actors import SystemActor

ACTOR = SystemActor("access bench inquiries")
RECORDS_PER_PERSON = 2.07  # synthetic.generate: about 2.07 records per person
ORI = "FL0000777"
LOADTEST = Path(__file__).resolve().parent
Progress = Callable[[str], None]


class BenchRefused(Exception):
    pass


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3) if ordered else 0.0


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url:
        return url
    return f"sqlite:///{settings.DATABASES['default']['NAME']}"


def ensure_database(fresh: bool) -> None:
    """Refuse any database not named for benchmarks; create (or recreate) it; migrate."""
    db = settings.DATABASES["default"]
    name = str(db["NAME"])
    if "bench" not in Path(name).name:
        raise BenchRefused(
            f"refusing to load benchmark data into database {name!r}: use a database whose "
            "name contains 'bench', e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/access_bench"
        )
    connection.close()
    if connection.vendor == "postgresql":
        import psycopg
        from psycopg import sql

        params = " ".join(
            f"{key}={value}"
            for key, value in (
                ("host", db.get("HOST")),
                ("port", db.get("PORT")),
                ("user", db.get("USER")),
            )
            if value
        )
        password = db.get("PASSWORD") or None
        with psycopg.connect(
            f"dbname=postgres {params}", password=password, autocommit=True
        ) as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists and fresh:
                admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
                exists = None
            if not exists:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    elif fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
    call_command("migrate", verbosity=0, interactive=False)


def load_store(records: int, seed: int, say: Progress) -> tuple[Any, dict[str, Any]]:
    """The population (for probes) and how the store got it (loaded now, or already there)."""
    from access.audit.models import AuditEvent
    from access.records.actions import load_table
    from access.records.models import PersonRecord
    from access.records.synthetic import generate

    persons = max(1, round(records / RECORDS_PER_PERSON))
    source = f"access bench inquiries persons={persons} seed={seed}"
    started = time.perf_counter()
    population = generate(persons, seed)
    info: dict[str, Any] = {
        "persons": persons,
        "generate_seconds": round(time.perf_counter() - started, 2),
    }
    stored = PersonRecord.objects.count()
    if stored:
        loaded = AuditEvent.objects.filter(action="records.loaded", details__source=source)
        if stored == population.records.num_rows and loaded.exists():
            say(f"store already holds this population ({stored:,} records)")
            return population, {**info, "loaded_now": False}
        raise BenchRefused(
            f"the store holds {stored:,} other records; run with --fresh for a new database"
        )
    say(f"loading {population.records.num_rows:,} records")
    report = load_table(ACTOR, population.records, source_name=source, rebuild_indexes=True)
    info.update(
        loaded_now=True,
        load_seconds=report.seconds,
        load_records_per_second=round(report.records / max(report.seconds, 1e-9)),
        candidate_keys=report.candidate_keys,
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    info["analyze_seconds"] = round(time.perf_counter() - started, 2)
    return population, info


def prepare_model(var_dir: Path, retrain: bool) -> dict[str, Any]:
    from access.records import model_lifecycle, search

    path = var_dir / "inquiries-model.json"
    settings.INQUIRIES_MODEL_PATH = path
    if retrain:
        path.unlink(missing_ok=True)
    info: dict[str, Any] = {"model": str(path)}
    if not path.exists():
        started = time.perf_counter()
        trained = model_lifecycle.train()
        if trained is None:
            raise BenchRefused("the store is too small to train the inquiry model")
        path.parent.mkdir(parents=True, exist_ok=True)
        trained.model.save(path)
        info["train_seconds"] = round(time.perf_counter() - started, 2)
        info["train_sample_rows"] = trained.sample_size
    search.reset()
    return info


def prepare_online_store(var_dir: Path, enabled: bool, say: Progress) -> dict[str, Any]:
    """Point this process and the workers at ``var_dir/online-store``; publish it when it is
    missing or stale. Disabled: a directory that holds no store."""
    from access.records import online

    settings.ONLINE_STORE_DIR = var_dir / ("online-store" if enabled else "no-online-store")
    if not enabled:
        return {"online_store": {"served": False}}
    status = online.status()
    info: dict[str, Any] = {"served": True, "published_now": not status.get("served")}
    if info["published_now"]:
        say("publishing the online store")
        started = time.perf_counter()
        status = {**online.publish(ACTOR, say), "served": True}
        info["publish_seconds"] = round(time.perf_counter() - started, 1)
    manifest = status.get("manifest", status)
    info.update(
        version=status.get("version"),
        records=manifest.get("records"),
        keys=manifest.get("keys"),
        postings=manifest.get("postings"),
        vocabulary=manifest.get("vocabulary"),
    )
    return {"online_store": info}


def officer_token() -> str:
    """An active agency officer with a confirmed authenticator, and a fresh knox token."""
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from knox.models import AuthToken

    from access.accounts.choices import AccountStatus
    from access.accounts.models import Role, User
    from access.agencies import actions as agency_actions
    from access.agencies.models import Agency
    from access.audit import events

    agency = Agency.objects.filter(ori=ORI).first() or agency_actions.create_agency(
        ACTOR,
        name="Benchmark County Sheriff's Office",
        kind="sheriff",
        state="FL",
        county_fips="12086",
        county_name="Miami-Dade",
        ori=ORI,
    )
    user = User.objects.filter(username="bench.officer").first()
    if user is None:
        user = User.objects.create_user(
            username="bench.officer",
            password=None,
            agency=agency,
            status=AccountStatus.ACTIVE,
            is_active=True,
            password_changed_at=timezone.now(),
            first_name="Bench",
            last_name="Officer",
        )
        user.roles.set([Role.objects.get(slug="agency_officer")])
        TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    instance, token = AuthToken.objects.create(user=user)
    events.record(
        Event.TOKEN_ISSUED,
        actor=ACTOR,
        object_type="knox.authtoken",
        object_id=instance.token_key,
        details={"expiry": instance.expiry, "user": user.get_username(), "benchmark": True},
    )
    return token


def payloads(population: Any, n: int, seed: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """IAQ bodies from ``probes``: present and absent people, as an officer would key them."""
    from access.inquiries.message import InquiryInvalid, check
    from access.matching import dates, names
    from access.records.synthetic import probes, records_from_table

    table = probes(population, n, seed + 1, absent_share=0.2)
    truth = table.column("true_person_id").to_pylist()
    table = table.rename_columns(["record_id", *table.schema.names[1:]])
    out: list[dict[str, Any]] = []
    counts = {"present": 0, "absent": 0, "unusable": 0}
    for i, ((record, _row), person) in enumerate(
        zip(records_from_table(table), truth, strict=True)
    ):
        dob = next(
            (d for d in (dates.parse_date(v) for v in record.dates_of_birth) if len(d) == 10), ""
        )
        body: dict[str, Any] = {
            "purpose_code": "C" if i % 3 else "F",
            "reason": "Traffic stop, no licence" if i % 2 else "Booked on a state charge",
            "case_number": f"25-{i:06d}",
            "attention": "DET R MILLER",
            "family_name": names.fold(" ".join(record.family_names)).upper(),
            "given_name": names.fold(record.given_name).upper(),
            "middle_name": names.fold(record.middle_name).upper(),
            "date_of_birth": dob,
            "sex": record.sex if record.sex in ("M", "F") else "",
            "place_of_birth": record.country_of_birth,
            "in_custody": i % 4 == 0,
            "a_number": record.identifiers.get("a_number", ""),
            "fbi_number": record.identifiers.get("fbi_number", ""),
        }
        body = {k: v for k, v in body.items() if v not in ("", None)}
        for attempt in (body, {k: v for k, v in body.items() if k != "place_of_birth"}):
            try:
                check({**attempt, "ori": ORI})
            except InquiryInvalid:
                continue
            out.append(attempt)
            counts["present" if person else "absent"] += 1
            break
        else:
            counts["unusable"] += 1
    return out, counts


@contextlib.contextmanager
def gunicorn(
    port: int, workers: int, threads: int, var_dir: Path, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "ACCESS_VAR_DIR": str(var_dir),
        # The workers search with the benchmark's pinned model (a benchmark database holds no
        # active model version; without this every inquiry would wait for one, unsearched).
        "ACCESS_INQUIRIES_MODEL_PATH": str(settings.INQUIRIES_MODEL_PATH),
        "ACCESS_ONLINE_STORE_DIR": str(settings.ONLINE_STORE_DIR),
        "ACCESS_ENV": "development",
        "DEBUG": "",
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "LOG_LEVEL": "WARNING",
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "access.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--config",
        "python:access.benchmarks.inquiries.gunicorn_conf",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603  # nosec B603
        try:
            yield server
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _post(url: str, token: str, body: dict[str, Any]) -> int:
    request = urllib.request.Request(  # noqa: S310 - loopback URL built here
        url,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310  # nosec B310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def wait_until_serving(url: str, token: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchRefused(f"gunicorn exited ({server.returncode}); see {log}")
        try:
            request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310  # nosec B310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise BenchRefused(f"gunicorn did not answer within 300 s; see {log}")


def search_profile(bodies: list[dict[str, Any]]) -> dict[str, Any]:
    """The candidate search alone, in this process, one inquiry after another (no load): the
    whole search as served (``engine.search`` through ``records.search``: online store or
    database index), and, on the
    database index, how many candidate rows each inquiry reads, the time to fetch them (SQL +
    JSON) and to score them; the rest of a request's time is the API and the audited
    submission."""
    from access.inquiries import engine
    from access.inquiries.message import check
    from access.matching.keys import query_keys
    from access.records import search

    current = search.searcher().scorer()
    if current is None:
        return {}
    rows_n: list[float] = []
    fetch: list[float] = []
    scoring: list[float] = []
    served: list[float] = []
    for body in bodies:
        data = check({**body, "ori": ORI})
        started = time.perf_counter()
        engine.search(data)
        served.append((time.perf_counter() - started) * 1000)
        query = engine.inquiry_record(data)
        started = time.perf_counter()
        rows = search.DatabaseSource().rows(query_keys(query))
        fetched = time.perf_counter()
        current.search(query, [row for _pk, row in rows])
        scoring.append((time.perf_counter() - fetched) * 1000)
        fetch.append((fetched - started) * 1000)
        rows_n.append(len(rows))
    return {
        "inquiries": len(bodies),
        "online_store": search.searcher().online_store() is not None,
        "search_ms_p50": _percentile(served, 0.5),
        "search_ms_p95": _percentile(served, 0.95),
        "candidate_rows_p50": _percentile(rows_n, 0.5),
        "candidate_rows_p95": _percentile(rows_n, 0.95),
        "candidate_rows_max": max(rows_n),
        "fetch_ms_p50": _percentile(fetch, 0.5),
        "fetch_ms_p95": _percentile(fetch, 0.95),
        "score_ms_p50": _percentile(scoring, 0.5),
        "score_ms_p95": _percentile(scoring, 0.95),
    }


def machine() -> dict[str, Any]:
    memory = 0.0
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SHOW server_version"
            if connection.vendor == "postgresql"
            else "SELECT sqlite_version()"
        )
        version = cursor.fetchone()[0]
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gib": memory,
        "database": f"{connection.vendor} {version}",
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }


def run(
    *,
    records: int,
    users: int,
    seconds: int,
    seed: int = 0,
    wait: tuple[float, float] = (0.5, 1.5),
    workers: int = 2,
    threads: int = 2,
    port: int = 8765,
    fresh: bool = False,
    online_store: bool = True,
    probes_n: int = 5000,
    say: Progress = lambda _message: None,
) -> dict[str, Any]:
    from django.db.models import Max

    from access.audit.models import AuditEvent
    from access.inquiries import engine
    from access.inquiries.models import Inquiry, InquiryCandidate

    started = time.perf_counter()
    say("database")
    ensure_database(fresh)
    var_dir = Path(settings.VAR_DIR) / "bench" / Path(str(connection.settings_dict["NAME"])).stem
    var_dir.mkdir(parents=True, exist_ok=True)
    population, store = load_store(records, seed, say)
    say("model")
    model = prepare_model(var_dir, retrain=bool(store.get("loaded_now")))
    served = prepare_online_store(var_dir, online_store, say)
    token = officer_token()
    bodies, mix = payloads(population, probes_n, seed)
    if not bodies:
        raise BenchRefused("no usable inquiry payloads")
    payload_file = var_dir / "payloads.json"
    payload_file.write_text(json.dumps(bodies), "utf-8")
    timings_file = var_dir / "timings.json"
    timings_file.unlink(missing_ok=True)
    log = var_dir / "gunicorn.log"
    base = f"http://127.0.0.1:{port}"
    say(f"gunicorn on {base} ({workers} workers x {threads} threads)")
    with gunicorn(port, workers, threads, var_dir, log) as server:
        wait_until_serving(f"{base}/api/inquiries/?limit=1", token, server, log)
        warm = [_post(f"{base}/api/inquiries/", token, bodies[-1 - i]) for i in range(workers * 2)]
        if any(status != 201 for status in warm):
            raise BenchRefused(f"warm-up inquiries answered {warm}; see {log}")
        audited_before = AuditEvent.objects.filter(action="inquiry.submitted").count()
        inquiries_before = Inquiry.objects.count()
        last_inquiry_before = Inquiry.objects.aggregate(last=Max("pk"))["last"] or 0
        candidates_before = InquiryCandidate.objects.count()
        load_before = [round(x, 2) for x in os.getloadavg()]
        say(f"locust: {users} users for {seconds} s (load average {load_before})")
        env = {
            **os.environ,
            "BENCH_TOKEN": token,
            "BENCH_PAYLOADS": str(payload_file),
            "BENCH_TIMINGS": str(timings_file),
            "BENCH_WAIT_MIN": str(wait[0]),
            "BENCH_WAIT_MAX": str(wait[1]),
        }
        locust = shutil.which("locust", path=str(Path(sys.executable).parent)) or "locust"
        command = [
            locust,
            "-f",
            str(LOADTEST / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--host",
            base,
            "--only-summary",
            "--stop-timeout",
            "30",
            "--loglevel",
            "WARNING",
        ]
        outcome = subprocess.run(  # noqa: S603  # nosec B603
            command, env=env, capture_output=True, timeout=seconds + 300, check=False
        )
        (var_dir / "locust.log").write_bytes(outcome.stdout + outcome.stderr)
        server_alive = server.poll() is None
    audited = AuditEvent.objects.filter(action="inquiry.submitted").count() - audited_before
    say("the search alone, in process, 300 inquiries")
    profile = search_profile(bodies[:300])
    stored = Inquiry.objects.count() - inquiries_before
    # An inquiry stored but never searched (no model in the workers) would make every figure
    # meaningless: counted, and the run fails its target.
    unsearched = Inquiry.objects.filter(
        pk__gt=last_inquiry_before, search_note=engine.NO_MODEL_NOTE
    ).count()
    candidates = InquiryCandidate.objects.count() - candidates_before
    if not timings_file.exists():
        raise BenchRefused(f"locust wrote no timings (exit {outcome.returncode}); see {var_dir}")
    measured = json.loads(timings_file.read_text("utf-8"))
    timings: list[float] = measured["timings_ms"]
    failures = int(measured["failure_count"])
    requests = len(timings)
    return {
        "benchmark": "inquiries",
        "endpoint": "POST /api/inquiries/ (knox token, JSON fields)",
        "records": population.records.num_rows,
        **store,
        "users": users,
        "seconds": seconds,
        "wait_seconds": list(wait),
        "server": {
            "gunicorn_workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "conn_max_age": int(os.environ.get("CONN_MAX_AGE", "60")),
            "alive_at_end": server_alive,
        },
        "payloads": {"count": len(bodies), **mix},
        "requests": requests,
        "failures": failures,
        "failure_examples": measured["failures"][:5],
        "p50_ms": _percentile(timings, 0.50),
        "p95_ms": _percentile(timings, 0.95),
        "p99_ms": _percentile(timings, 0.99),
        "max_ms": round(max(timings), 3) if timings else 0.0,
        "mean_ms": round(sum(timings) / requests, 3) if requests else 0.0,
        "requests_per_second": round(requests / seconds, 2),
        "audited_inquiries": audited,
        "stored_inquiries": stored,
        "all_audited": audited == stored == requests - failures,
        "candidates_per_inquiry": round(candidates / stored, 2) if stored else 0.0,
        "unsearched_inquiries": unsearched,
        "search_in_process": profile,
        "p95_target_ms": 100,
        "p95_met": bool(requests) and _percentile(timings, 0.95) <= 100,
        "target_met": bool(requests)
        and _percentile(timings, 0.95) <= 100
        and failures == 0
        and unsearched == 0
        and audited == stored == requests,
        "locust_exit": outcome.returncode,
        "load_average_before_run": load_before,
        **model,
        **served,
        "total_seconds": round(time.perf_counter() - started, 1),
        "machine": machine(),
    }
