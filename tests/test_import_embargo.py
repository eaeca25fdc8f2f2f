"""The embargo an import writes (R10), judged in Paris time at the import's « now » (``NOW``):
an offset that is not Paris's, an instant already past (unless ``--force``, which says plainly
that the next build publishes it) and an instant not after the previous edition's are refused;
every hint proposes an instant that the importer accepts."""

from __future__ import annotations

import re

import pytest
from test_import import ROWS, import_palmares, snapshot, write_csv

NBSP = "\u00a0"
NOW = "2027-06-01T12:00:00+02:00"  # after the demo's 2027 ceremony: 2028 is the next edition


@pytest.fixture
def jury(tmp_path, monkeypatch):
    monkeypatch.setenv("NOW", NOW)
    return write_csv(tmp_path / "jury.csv", ROWS)


def run(capsys, data, csv_path, *args: str) -> tuple[int, str]:
    try:
        status = import_palmares.main([str(csv_path), "--data", str(data), *args])
    except SystemExit as exc:  # argparse refuses the argument itself
        status = exc.code
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def import_2028(capsys, data, csv_path, *args: str) -> tuple[int, str]:
    """The import of edition 2028 with ``args`` (``--embargo …``, ``--force``, ``--dry-run``)."""
    return run(capsys, data, csv_path, "--annee", "2028", *args)


def proposal(out: str) -> str:
    return re.search(r"par exemple (?:EMBARGO=)?(\S+?)[ ,)]", out).group(1)


def test_a_past_embargo_is_refused_and_nothing_is_written(capsys, data_copy, jury):
    before = snapshot(data_copy)
    status, out = import_2028(capsys, data_copy, jury, "--embargo", "2027-05-04T11:00:00+02:00")
    assert status == 1
    assert "n’est pas après" not in out  # May 2027 is after February 2027: only « past »
    assert (
        f"Embargo : l’embargo du 4{NBSP}mai 2027 à 11{NBSP}h{NBSP}00 (heure de Paris) est déjà "
        "passé : la prochaine construction publierait le palmarès 2028 aussitôt."
    ) in out
    assert "Rien n’a été écrit." in out
    assert snapshot(data_copy) == before


def test_forced_the_past_embargo_is_written_with_a_plain_warning(capsys, data_copy, jury):
    status, out = import_2028(
        capsys, data_copy, jury, "--embargo", "2027-05-04T11:00:00+02:00", "--force"
    )
    assert status == 0, out
    assert (
        f"ATTENTION : l’embargo du palmarès 2028, le 4{NBSP}mai 2027 à 11{NBSP}h{NBSP}00 "
        "(heure de Paris), est déjà passé : la prochaine construction publiera le palmarès 2028 "
        "aussitôt"
    ) in out
    assert "embargo: 2027-05-04T11:00:00+02:00" in (data_copy / "palmares/2028.yaml").read_text()


def test_an_embargo_before_the_previous_editions_is_refused_even_forced(capsys, data_copy, jury):
    status, out = import_2028(
        capsys, data_copy, jury, "--embargo", "2027-01-05T11:00:00+01:00", "--force"
    )
    assert status == 1
    assert (
        f"n’est pas après celui de 2027, le 2{NBSP}février 2027 à 11{NBSP}h{NBSP}00 (heure de "
        "Paris) : donnez par exemple 2028-02-02T11:00:00+01:00"
    ) in out
    assert not (data_copy / "palmares/2028.yaml").exists()


def test_a_new_edition_without_embargo_gets_an_accepted_proposal(capsys, data_copy, jury):
    status, out = import_2028(capsys, data_copy, jury, "--dry-run")
    assert status == 1
    assert "l’édition 2028 est nouvelle : donnez son embargo, par exemple EMBARGO=" in out
    suggested = proposal(out)
    assert suggested == "2028-02-02T11:00:00+01:00"  # the 2027 ceremony's day and hour
    status, out = import_2028(capsys, data_copy, jury, "--embargo", suggested, "--dry-run")
    assert status == 0, out


def test_when_last_years_date_has_passed_the_proposal_is_still_ahead(
    capsys, data_copy, jury, monkeypatch
):
    # Importing 2028 in March 2028 (late): 2 February 2028 is past, so tomorrow is proposed.
    monkeypatch.setenv("NOW", "2028-03-10T09:00:00+01:00")
    status, out = import_2028(capsys, data_copy, jury, "--dry-run")
    assert status == 1
    suggested = proposal(out)
    assert suggested == "2028-03-11T11:00:00+01:00"
    status, out = import_2028(capsys, data_copy, jury, "--embargo", suggested, "--dry-run")
    assert status == 0, out


@pytest.mark.parametrize(
    "written,advice",
    [
        ("2028-02-01T11:00:00Z", "2028-02-01T11:00:00+01:00"),
        ("2028-03-26T11:00:00+01:00", "2028-03-26T11:00:00+02:00"),  # clocks change that day
        ("2028-06-15T11:00:00", "2028-06-15T11:00:00+02:00"),  # summer, no offset
    ],
)
def test_an_offset_that_is_not_paris_is_refused_with_the_right_one(
    capsys, data_copy, jury, written, advice
):
    status, out = import_2028(capsys, data_copy, jury, "--embargo", written)
    assert status == 2
    assert f"écrivez {advice}" in out
    assert not (data_copy / "palmares/2028.yaml").exists()
    status, out = import_2028(capsys, data_copy, jury, "--embargo", advice, "--dry-run")
    assert status == 0, out
