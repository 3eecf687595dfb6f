import sys
import time

from django.core.management.base import BaseCommand, CommandError

from academy import seed as seeding

STAGE_TIMES: dict[str, float] = {}


def _progress(stage: str, done: int, total: int) -> None:
    """A one-line progress bar on stderr; remembers when each stage started."""
    STAGE_TIMES.setdefault(stage, time.monotonic())
    width = 30
    filled = int(width * done / total) if total else width
    sys.stderr.write(
        f"\r{stage:<12} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}   "
    )
    sys.stderr.flush()


class Command(BaseCommand):
    help = (
        "Generate a large synthetic organisation (units, staff, enrolments, progress, "
        "credentials, survey answers, kudos) in bulk, for development and benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, required=True, help="how many people")
        parser.add_argument("--seed", type=int, default=1, help="random seed: same seed, same data")
        parser.add_argument(
            "--replace", action="store_true", help="remove an earlier seeded organisation first"
        )

    def handle(self, *args, employees: int, replace: bool, **options):
        if employees < 1:
            raise CommandError("--employees must be at least 1.", returncode=2)
        existing = seeding.seeded_count()
        if existing and not replace:
            self.stdout.write(
                f"A seeded organisation of {existing:,} employees is already there: nothing "
                "changed. Use --replace to generate it again."
            )
            return
        started = time.monotonic()
        if existing:
            self.stdout.write(f"Removing the earlier seeded organisation ({existing:,} employees).")
            seeding.remove()
        try:
            counts = seeding.generate(employees=employees, seed=options["seed"], progress=_progress)
        except seeding.SeedError as error:
            raise CommandError(str(error)) from None
        sys.stderr.write("\n")
        ended = time.monotonic()
        stages = list(STAGE_TIMES.items())
        timings = ", ".join(
            f"{stage} {(stages[i + 1][1] if i + 1 < len(stages) else ended) - begun:.1f} s"
            for i, (stage, begun) in enumerate(stages)
        )
        self.stdout.write(f"Seeded in {ended - started:.1f} s ({timings}):")
        for line in counts.lines():
            self.stdout.write(f"  {line}")
