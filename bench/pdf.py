"""Certificate PDF render time beside bare WeasyPrint on the same HTML, signing time (Data
Integrity + RS256/ES256 and EdDSA VC-JWTs), the time to issue 1,000 credentials through the
service, each signed in its issue transaction (certificates deferred to tasks), and bulk
awarding: 4,500 credentials recorded at once (target < 10 s), then signed and rendered by the
background task in --workers parallel processes, beside the raw rate (sign + render of one
credential, in one process, times the number of processes; target >= 90 %).

    .venv/bin/python bench/pdf.py [--runs 15] [--issue 1000] [--bulk 4500] [--workers 2]

Runs in a temporary data folder (SQLite unless DATABASE_URL is set). Target: our render within
1.5x of bare WeasyPrint, warm.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--issue", type=int, default=1000)
    parser.add_argument("--bulk", type=int, default=4500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=40, help="bulk credentials to sign")
    args = parser.parse_args()

    os.environ.setdefault("ACADEMY_DATA_DIR", tempfile.mkdtemp(prefix="bench-pdf-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    call_command("migrate", interactive=False, verbosity=0)

    from certification import certificate, services, signing
    from certification.models import CredentialDefinition
    from people.models import Person, Unit

    firm, _ = Unit.objects.get_or_create(slug="bench", defaults={"name": "Bench", "kind": "firm"})
    definition, _ = CredentialDefinition.objects.get_or_create(
        slug="bench-certified",
        defaults={
            "title_en": "Social Media Certified",
            "title_nl": "Social Media Gecertificeerd",
            "criteria_en": "Completed the core modules and acknowledged the policy.",
            "valid_for_days": 730,
        },
    )
    holder, _ = Person.objects.get_or_create(
        email="sanne@bench.example",
        defaults={"first_name": "Sanne", "last_name": "de Vries-Ünal", "unit": firm},
    )
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy):
        credential = services.issue(person=holder, definition=definition)

    # -- PDF ---------------------------------------------------------------------------------
    from weasyprint import HTML

    html = certificate.certificate_html(credential)
    certificate.render_pdf(html)  # warm up WeasyPrint, fonts and the template

    def ours_once():
        certificate.render_pdf(certificate.certificate_html(credential))

    def bare_once():
        HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()

    # Interleaved, so that load from other processes hits both alike.
    ours_samples, bare_samples = [], []
    for _ in range(args.runs):
        ours_samples.append(timed(ours_once, 1))
        bare_samples.append(timed(bare_once, 1))
    ours, bare = statistics.median(ours_samples), statistics.median(bare_samples)
    template = timed(lambda: certificate.certificate_html(credential), args.runs)
    print(f"certificate PDF, warm median of {args.runs} (interleaved):")
    print(f"  ours (template + QR + WeasyPrint): {ours * 1000:7.1f} ms")
    print(f"  bare WeasyPrint, same HTML:        {bare * 1000:7.1f} ms")
    print(
        f"  ratio: {ours / bare:.2f}x (target <= 1.5x); template + QR alone {template * 1000:.1f} ms"
    )
    cached_start = time.perf_counter()
    certificate.certificate_pdf(credential)
    first = time.perf_counter() - cached_start
    cached_start = time.perf_counter()
    certificate.certificate_pdf(credential)
    cached = time.perf_counter() - cached_start
    print(
        f"  served from the cache folder: first {first * 1000:.1f} ms, then {cached * 1000:.2f} ms"
    )

    # -- signing -----------------------------------------------------------------------------
    signing.ensure_signed(credential)  # warm up pyld and the contexts
    key, did = signing.issuer_key(), signing.issuer_did()
    composed = signing.compose(credential)
    sign = timed(lambda: signing.sign(composed, key=key, did=did), args.runs)
    forms = signing.sign(composed, key=key, did=did)
    check = timed(lambda: signing.verify(forms, key=key), args.runs)
    payload = composed.to_jwt_payload()
    jwt_only = timed(lambda: signing.sign_jwt(payload, did=did), args.runs)
    print(
        f"signing one credential (Data Integrity + {signing.jwt_key().algorithm} and EdDSA "
        f"VC-JWTs): {sign * 1000:.1f} ms, of which the {signing.jwt_key().algorithm} JWT "
        f"{jwt_only * 1000:.2f} ms; self-check {check * 1000:.1f} ms"
    )

    # -- issuing -----------------------------------------------------------------------------
    people = Person.objects.bulk_create(
        [
            Person(email=f"p{i}@bench.example", first_name="Bench", last_name=str(i), unit=firm)
            for i in range(args.issue)
        ]
    )
    people = list(Person.objects.filter(email__endswith="@bench.example").exclude(pk=holder.pk))
    start = time.perf_counter()
    with override_settings(TASKS=dummy):
        for person in people:
            services.issue(person=person, definition=definition)
    elapsed = time.perf_counter() - start
    print(
        f"issuing {len(people)} credentials through services.issue, each signed at issue: "
        f"{elapsed:.2f} s ({elapsed / len(people) * 1000:.2f} ms each, of which signing about "
        f"{sign * 1000:.0f} ms)"
    )

    # -- bulk awarding -----------------------------------------------------------------------
    Person.objects.bulk_create(
        [
            Person(email=f"b{i}@bulk.bench.example", first_name="Bulk", last_name=str(i), unit=firm)
            for i in range(args.bulk)
        ]
    )
    crowd = list(Person.objects.filter(email__endswith="@bulk.bench.example"))
    bulk_definition, _ = CredentialDefinition.objects.get_or_create(
        slug="bench-bulk", defaults={"title_en": "Pilot graduate", "valid_for_days": 365}
    )
    start = time.perf_counter()
    with override_settings(TASKS=dummy):
        result = services.award_in_bulk(definition=bulk_definition, people=crowd, reason="Bench")
    recorded = time.perf_counter() - start
    print(
        f"bulk awarding {len(result.issued):,} credentials (recorded, verifiable, audited; "
        f"signing and PDFs queued): {recorded:.2f} s (target < 10 s)"
    )
    sample = result.issued[: args.sample]
    raw = sign + ours  # one credential signed and rendered, in one process
    elapsed = _parallel_sign_and_render(sample, args.workers)
    rate, raw_rate = len(sample) / elapsed, args.workers / raw
    print(
        f"signing + rendering {len(sample)} of them with the background task in "
        f"{args.workers} processes: {rate:.1f} credentials/s; raw rate {raw_rate:.1f}/s "
        f"({args.workers} x one sign + render of {raw * 1000:.0f} ms): "
        f"{rate / raw_rate * 100:.0f} % (target >= 90 %)"
    )
    print(f"load average {', '.join(f'{v:.2f}' for v in os.getloadavg())}")


def _parallel_sign_and_render(ids: list[int], workers: int) -> float:
    """Run the bulk task over `ids` in `workers` processes, as that many workers would."""
    from multiprocessing import get_context

    from django.db import connections

    connections.close_all()
    chunks = [ids[n::workers] for n in range(workers)]
    start = time.perf_counter()
    with get_context("fork").Pool(workers) as pool:
        pool.map(_sign_and_render, chunks)
    return time.perf_counter() - start


def _sign_and_render(ids: list[int]) -> None:
    from django.db import connections

    from certification import tasks

    connections.close_all()  # a fresh connection of this process
    tasks.sign_and_render.func(ids)


if __name__ == "__main__":
    main()
