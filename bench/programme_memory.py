"""Peak memory of reading a course-as-code programme file, beside a baseline from the same run
(the file read as text and parsed by PyYAML alone), and the refusal of a file above the limit.

    .venv/bin/python bench/programme_memory.py [--mb 7]

Each measurement runs in its own process (peak resident memory is per process). Target: the
academy's parse within 3x of plain PyYAML; a file above courses.coursecode.MAX_FILE_BYTES is
refused at once, in a few MB.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEP = """          - kind: text
            body: {en: "Always make yourself known as an employee; never post anonymously. %d", nl: "Maak altijd bekend dat je medewerker bent. %d"}
"""


def write_programme(path: Path, megabytes: float) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("slug: big\ntitle: {en: Big, nl: Groot}\nmodules:\n")
        module = 0
        while out.tell() < megabytes * 1024 * 1024:
            out.write(
                f"  - slug: m{module}\n    title: {{en: Module {module}, nl: Module {module}}}\n"
                "    minutes: 120\n    lessons:\n      - title: {en: Lesson, nl: Les}\n"
                "        steps:\n"
            )
            for step in range(50):
                out.write(STEP % (step, step))
            module += 1


MEASURE = """
import os, resource, sys
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")
import django; django.setup()
import yaml
from courses import coursecode
path = {path!r}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if {what!r} == "pyyaml":
    yaml.load(open(path, encoding="utf-8").read(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
else:
    try:
        coursecode.parse_path(path)
    except coursecode.CourseCodeError as error:
        print("refused:", str(error)[:80], file=sys.stderr)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) / 1024)
"""


def peak_mb(what: str, path: Path) -> float:
    code = MEASURE.format(root=str(ROOT), path=str(path), what=what)
    result = subprocess.run(  # noqa: S603 - our own code, in a child process
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    if result.stderr.strip():
        print("   ", result.stderr.strip().splitlines()[-1])
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=7.0, help="size of the generated file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("ACADEMY_DATA_DIR", folder)
        path = Path(folder) / "programme.yaml"
        write_programme(path, args.mb)
        size = path.stat().st_size / (1024 * 1024)
        baseline = peak_mb("pyyaml", path)
        ours = peak_mb("academy", path)
        print(f"file {size:.1f} MB")
        print(f"  PyYAML alone (baseline)  peak +{baseline:7.1f} MB")
        print(f"  academy parse + check    peak +{ours:7.1f} MB  ({ours / baseline:.1f}x)")
        huge = Path(folder) / "huge.yaml"
        with huge.open("wb") as handle:
            handle.truncate(63 * 1024 * 1024)
        refused = peak_mb("academy", huge)
        print(f"  63 MB file refused       peak +{refused:7.1f} MB")


if __name__ == "__main__":
    main()
