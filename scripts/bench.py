"""National-scale benchmark (``make bench``): cold, ceremony, warm and one-action builds, and a
plain-Pelican baseline with the same number of pages, in one run.

Prints a table (``bench_report``) and writes ``output-bench/bench.json``. Each build runs as
its own process; peak memory is the largest sum of RSS over the whole process tree (build +
workers + Pagefind), sampled every 20 ms. A build's previous site is removed in the background
after the swap: the next build starts once that removal is over, so that builds are measured
one at a time.

    .venv/bin/python scripts/bench.py [--without label_search]
    .venv/bin/python scripts/bench.py --sans-echelle       # or --seulement-echelle

Then, on the cold site, what one search costs a phone (``bench_search.py``: time to the first
result under a throttled 4G profile, index bytes and requests per query).

A second table divides each build's time by the baseline's and sets it against the issue's
goals (cold ≤ 1.0, ceremony ≤ 0.5, one action edited ≤ 0.1, nothing changed ≤ 0.1; peak memory
≤ 1 GB). The scale part then builds the national dataset cold at 500, 1,500 and 5,000
collectivities (actions in proportion) and reports time and peak memory per page: the 5,000
build must take no more than 3.6 times the 1,500 one, in 2 GB at most. ``--sans-echelle`` skips
it; ``--seulement-echelle`` runs it alone.

``--without`` leaves plugins out of the measured builds (settings written in output-bench/);
without the search plugin, the Pagefind command line is timed alone on the cold site instead.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import bench_search  # noqa: E402 (beside this script)
import bench_serve  # noqa: E402
from bench_report import SCALE_SIZES, goals_table, scale_table, serve_line, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "output-bench"
PY = sys.executable


def tree_rss(pid: int) -> int:
    """Sum of the resident memory (bytes) of ``pid`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/status") as handle:
                match = re.search(r"VmRSS:\s+(\d+) kB", handle.read())
            total += int(match.group(1)) * 1024 if match else 0
        except OSError:
            pass
    return total


def children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Wall time, peak tree RSS and CPU time of a command; fails loudly if it fails. The CPU
    time counts the whole tree (workers and Pagefind are waited for by their parents): unlike
    the wall time, it hardly moves when other jobs share the machine."""
    start, cpu = time.perf_counter(), children_cpu()
    proc = subprocess.Popen(
        cmd,
        env={**os.environ, **env},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    stop.set()
    sampler.join()
    elapsed = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"échec de {' '.join(cmd)} :\n{err[-3000:]}")
    return elapsed, peak, children_cpu() - cpu


SETTINGS = ["pelicanconf.py"]  # replaced by main() when plugins are left out


def settings_without(plugins: list[str]) -> Path:
    """Settings = the site's, minus ``plugins`` (paths made absolute: the file lives here)."""
    path = BENCH / "benchconf.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"PLUGINS = [p for p in PLUGINS if p not in {plugins!r}]\n"
        f"PATH = {str(ROOT / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n",
        encoding="utf-8",
    )
    return path


def wait_for_removal(output: Path) -> None:
    """Wait until the previous site a build set aside is gone (removed in the background)."""
    while list(output.resolve().parent.glob(f".{output.name}.ancien-*")):
        time.sleep(0.1)


def build(name: str, data: Path, now: str, output: Path, cache: Path) -> dict:
    report = BENCH / f"{name}.report.json"
    env = {
        "DATA": str(data),
        "NOW": now,
        "OUTPUTDIR": str(output),
        "CACHEDIR": str(cache),
        "BUILD_REPORT": str(report),
    }
    wait_for_removal(output)
    wall, peak, cpu = run([PY, "scripts/build.py", "--settings", SETTINGS[0]], env)
    figures = json.loads(report.read_text(encoding="utf-8"))
    pages = figures["counts"].get("pages", 0)
    return {
        "name": name,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "peak_rss_mb": round(peak / 1e6),
        "pages": pages,
        "pages_per_s": round(pages / wall) if wall else 0,
        "output_mb": round(figures["bytes"] / 1e6, 1),
        "files": figures["files"],
        "stages_s": {k: round(v, 2) for k, v in figures["stages"].items()},
        "counts": figures["counts"],
    }


def baseline(pages: int, work: Path) -> dict:
    """The same number of pages as short Markdown articles, built by plain Pelican."""
    content = work / "content"
    content.mkdir(parents=True)
    body = (
        "Une action numérique au service des habitants : démarches en ligne, ateliers, "
        "médiation. " * 6
    )
    for i in range(pages):
        (content / f"page-{i:05d}.md").write_text(
            f"Title: Page {i}\nDate: 2026-01-01\nCategory: actions\n\n{body}\n", encoding="utf-8"
        )
    conf = work / "conf.py"
    conf.write_text(
        'SITENAME = "Baseline"\nTIMEZONE = "Europe/Paris"\n'
        'DEFAULT_LANG = "fr"\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n'
        "DEFAULT_PAGINATION = False\n",
        encoding="utf-8",
    )
    wall, peak, _ = run(
        [PY, "-m", "pelican", str(content), "-o", str(work / "out"), "-s", str(conf), "-q"], {}
    )
    return {
        "name": "baseline Pelican (Markdown, thème par défaut)",
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(peak / 1e6),
        "pages": pages,
        "pages_per_s": round(pages / wall),
    }


def newest_embargo(data: Path) -> tuple[int, str]:
    years = sorted(int(p.stem) for p in (data / "palmares").glob("*.yaml"))
    text = (data / "palmares" / f"{years[-1]}.yaml").read_text(encoding="utf-8")
    return years[-1], re.search(r"^embargo: (\S+)", text, re.M).group(1)


def one_second_before(instant: str) -> str:
    import datetime as dt

    return (dt.datetime.fromisoformat(instant) - dt.timedelta(seconds=1)).isoformat()


def edit_one_action(data: Path) -> None:
    path = sorted((data / "actions").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'titre: "', 'titre: "(modifié) ', text, count=1), encoding="utf-8")


def pagefind_cli(site: Path) -> dict:
    """The Pagefind command line over the collectivity and action pages of ``site``."""
    wall, peak, _ = run(
        [
            PY,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--output-path",
            str(BENCH / "pagefind-cli"),
            "--force-language",
            "fr",
            "--glob",
            "{territoires,actions}/**/*.html",
        ],
        {},
    )
    return {
        "name": "Pagefind CLI seul (site froid)",
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(peak / 1e6),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--without", action="append", default=[], metavar="PLUGIN")
    parts = parser.add_mutually_exclusive_group()
    parts.add_argument("--sans-echelle", action="store_true", help="sans les trois tailles")
    parts.add_argument(
        "--seulement-echelle", action="store_true", help="les trois tailles seulement"
    )
    args = parser.parse_args()
    if BENCH.exists():
        shutil.rmtree(BENCH)
    BENCH.mkdir()
    if args.without:
        SETTINGS[0] = str(settings_without(args.without))
    summary: dict = {"cpus": len(os.sched_getaffinity(0)), "without": args.without}
    if not args.seulement_echelle:
        summary.update(main_part(args.without))
    if not args.sans_echelle:
        summary["scale"] = scale_part()
    (BENCH / "bench.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    if "results" in summary:
        print(table(summary["results"], summary["ratio_cold_to_baseline"]))
        print("\n" + goals_table(summary["results"]))
    if summary.get("serve"):
        print("\n" + serve_line(summary["serve"]))
    if summary.get("search"):
        print("\n" + bench_search.table(summary["search"]))
    if "scale" in summary:
        print("\n" + scale_table(summary["scale"]))
    return 0


def generate(data: Path, collectivities: int | None = None) -> None:
    size = [] if collectivities is None else ["--collectivites", str(collectivities)]
    subprocess.run(
        [PY, "scripts/generate_dataset.py", "national", str(data), *size],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main_part(without: list[str]) -> dict:
    """Cold, ceremony, warm and one-action builds of the national dataset, and the baseline."""
    data = BENCH / "data"
    print("Génération du jeu national…", flush=True)
    generate(data)
    year, embargo = newest_embargo(data)
    results = []
    wall, peak, _ = run([PY, "scripts/validate.py"], {"DATA": str(data), "NOW": embargo})
    results.append({"name": "validate", "wall_s": round(wall, 2), "peak_rss_mb": round(peak / 1e6)})
    print("Construction à froid…", flush=True)
    results.append(build("cold", data, embargo, BENCH / "cold", BENCH / "cache-cold"))
    # Nothing changed, right after the cold build (the shortcut must not miss its first time).
    results.append(build("warm_after_cold", data, embargo, BENCH / "cold", BENCH / "cache-cold"))
    site, cache = BENCH / "site", BENCH / "cache"
    build("veille", data, one_second_before(embargo), site, cache)
    print(f"Cérémonie {year}…", flush=True)
    results.append(build("ceremony", data, embargo, site, cache))
    results.append(build("warm", data, embargo, site, cache))
    edit_one_action(data)
    results.append(build("one_action", data, embargo, site, cache))
    if "label_search" in without:
        results.append(pagefind_cli(BENCH / "cold"))
    print("Référence Pelican…", flush=True)
    results.append(baseline(results[1]["pages"], BENCH / "baseline"))
    summary = {
        "results": results,
        "ratio_cold_to_baseline": round(results[1]["wall_s"] / results[-1]["wall_s"], 2),
    }
    print("make serve, données de démonstration…", flush=True)
    summary["serve"] = bench_serve.run()
    if "label_search" not in without:
        print("Recherche dans Chromium, profil 4G…", flush=True)
        summary["search"] = bench_search.run(BENCH / "cold")
    return summary


def scale_part(sizes: tuple[int, ...] = SCALE_SIZES) -> dict:
    """One cold build of the national dataset at each size: time and memory per page."""
    rows = []
    for size in sizes:
        folder = BENCH / f"echelle-{size}"
        print(f"Échelle : {size} collectivités…", flush=True)
        generate(folder / "data", size)
        _, embargo = newest_embargo(folder / "data")
        result = build(
            f"echelle-{size}", folder / "data", embargo, folder / "site", folder / "cache"
        )
        pages = result["pages"] or 1
        result.update(
            collectivities=size,
            ms_per_page=round(result["wall_s"] * 1000 / pages, 2),
            cpu_ms_per_page=round(result["cpu_s"] * 1000 / pages, 2),
            kb_per_page=round(result["peak_rss_mb"] * 1000 / pages, 1),
        )
        rows.append(result)
    by_size = {r["collectivities"]: r for r in rows}
    scale: dict = {"results": rows}
    if 1500 in by_size and 5000 in by_size:
        small, large = by_size[1500], by_size[5000]
        scale["ratio_5000_to_1500"] = round(large["wall_s"] / small["wall_s"], 2)
        scale["cpu_ratio_5000_to_1500"] = round(large["cpu_s"] / small["cpu_s"], 2)
        scale["pages_ratio_5000_to_1500"] = round(large["pages"] / small["pages"], 2)
        scale["peak_rss_mb_5000"] = large["peak_rss_mb"]
    return scale


if __name__ == "__main__":
    sys.exit(main())
