"""The benchmark's report (``scripts/bench.py``): the results' tables and the issue's goals.

In: the results of the builds (name, wall time, CPU, peak memory, pages) and of the scale part.
Out: Markdown tables: the builds, each build's time over the plain-Pelican baseline's set
against the goals (cold ≤ 1.0, ceremony ≤ 0.5, one action edited ≤ 0.1, nothing changed ≤ 0.1;
peak memory ≤ 1 GB), and the scale part's time and memory per page.
"""

from __future__ import annotations

# The goals: each build's time over the plain-Pelican baseline's, and peak memory.
GOALS = {"cold": 1.0, "warm_after_cold": 0.1, "ceremony": 0.5, "one_action": 0.1, "warm": 0.1}
GOAL_LABELS = {
    "cold": "à froid",
    "warm_after_cold": "rien de changé, juste après la construction à froid",
    "ceremony": "cérémonie",
    "one_action": "une action modifiée",
    "warm": "rien de changé",
}
GOAL_PEAK_MB = 1000
GOAL_SERVE_S = 1.0  # make serve on the demo data: from the save to the new site in place
# The scale part: the national dataset at three sizes; the largest must cost no more than
# its share of pages (5,000 / 1,500 is 3.33 times the pages: 3.6 leaves a margin).
SCALE_SIZES = (500, 1500, 5000)
GOAL_SCALE_RATIO = 3.6
GOAL_SCALE_PEAK_MB = 2000


def table(results: list[dict], ratio: float) -> str:
    lines = [
        "| build | wall (s) | pages | pages/s | peak RSS (MB) | output (MB) | stages (s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        stages = ", ".join(f"{k} {v}" for k, v in r.get("stages_s", {}).items())
        lines.append(
            f"| {r['name']} | {r['wall_s']} | {r.get('pages', '')} | "
            f"{r.get('pages_per_s', '')} | {r['peak_rss_mb']} | "
            f"{r.get('output_mb', '')} | {stages} |"
        )
    lines.append(f"\ncold / baseline = {ratio}")
    return "\n".join(lines)


def met(value: float, goal: float) -> str:
    return "oui" if value <= goal else "**non**"


def goals_table(results: list[dict]) -> str:
    """Each build's time over the plain-Pelican baseline of the same run, against its goal."""
    base = results[-1]["wall_s"]
    lines = [
        "| build | time (s) | ratio to plain Pelican | goal (ratio) | met |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    builds = [r for r in results if r["name"] in GOALS]
    for r in builds:
        ratio = round(r["wall_s"] / base, 2)
        goal = GOALS[r["name"]]
        lines.append(
            f"| {r['name']} ({GOAL_LABELS[r['name']]}) | {r['wall_s']} | {ratio} | "
            f"≤ {goal} | {met(ratio, goal)} |"
        )
    lines.append(f"| plain Pelican, same pages | {base} | 1.0 | | |")
    peak = max(r["peak_rss_mb"] for r in builds)
    lines.append(
        f"\npeak memory (largest build) = {peak} MB, goal ≤ {GOAL_PEAK_MB} MB: "
        f"{met(peak, GOAL_PEAK_MB)}"
    )
    return "\n".join(lines)


def scale_table(scale: dict) -> str:
    """Time and peak memory per page at each size, and the 5,000 build against its goals."""
    lines = [
        "| collectivities | pages | wall (s) | ms/page | CPU (s) | CPU ms/page | peak RSS (MB) "
        "| kB/page | stages (s) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in scale["results"]:
        stages = ", ".join(f"{k} {v}" for k, v in r["stages_s"].items())
        lines.append(
            f"| {r['collectivities']} | {r['pages']} | {r['wall_s']} | {r['ms_per_page']} | "
            f"{r['cpu_s']} | {r['cpu_ms_per_page']} | {r['peak_rss_mb']} | {r['kb_per_page']} "
            f"| {stages} |"
        )
    if "ratio_5000_to_1500" in scale:
        ratio, peak = scale["ratio_5000_to_1500"], scale["peak_rss_mb_5000"]
        lines.append(
            f"\ntime 5,000 / 1,500 = {ratio} (pages × {scale['pages_ratio_5000_to_1500']}), "
            f"goal ≤ {GOAL_SCALE_RATIO}: {met(ratio, GOAL_SCALE_RATIO)}"
        )
        lines.append(
            f"CPU time 5,000 / 1,500 = {scale['cpu_ratio_5000_to_1500']} "
            "(steadier than wall time on a shared machine)"
        )
        lines.append(
            f"peak memory of the 5,000 build = {peak} MB, goal ≤ {GOAL_SCALE_PEAK_MB} MB: "
            f"{met(peak, GOAL_SCALE_PEAK_MB)}"
        )
    return "\n".join(lines)


def serve_line(serve: dict) -> str:
    """``make serve`` on the demo data: the time from a save to the new site in place."""
    return (
        f"make serve (demo data, {serve['edits']} saves of an action): median "
        f"{serve['median_s']} s (detection {serve['detection_median_s']} s, build "
        f"{serve['build_median_s']} s), worst {serve['worst_s']} s; goal ≤ {GOAL_SERVE_S} s: "
        f"{met(serve['median_s'], GOAL_SERVE_S)}"
    )
