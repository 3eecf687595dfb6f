"""CSV exports open in columns in the reader's spreadsheet: Dutch Excel splits on ";"."""

import csv
import io

import pytest
from django.urls import reverse

from insights.exports import Table, csv_lines

pytestmark = pytest.mark.django_db


def _rows(response, delimiter):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_a_dutch_reader_gets_semicolons_and_a_bom(client_for, rebuilt):
    rebuilt.staff.language = "nl"
    rebuilt.staff.save(update_fields=["language"])
    response = client_for(rebuilt.staff).get(reverse("insights:export", args=["units", "csv"]))
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Afdeling;") and "," not in header


def test_an_english_reader_gets_commas(client_for, rebuilt):
    response = client_for(rebuilt.staff).get(reverse("insights:export", args=["units", "csv"]))
    rows = _rows(response, ",")
    assert rows[0][:3] == ["Unit", "Level", "Headcount"]


def test_dutch_decimals_use_a_comma():
    table = Table(name="t", header=["a", "b"], rows=[[1, 12.5]])
    assert list(csv_lines(table, language="nl")) == ["\ufeffa;b\r\n", "1;12,5\r\n"]
    assert list(csv_lines(table, language="en")) == ["\ufeffa,b\r\n", "1,12.5\r\n"]
