"""The web page's endpoints (``/``, ``/ui/...``) with the stand-in analysis and a small corpus."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from stand_in_app import stand_in_app

from redline.document import Document
from redline.web import ServiceSettings
from redline.web.ui import UI_CSP, plotly_js

TOKEN = "a-token-long-enough-for-the-check"


@pytest.fixture(scope="module")
def bare() -> Iterator[TestClient]:
    with TestClient(stand_in_app(ServiceSettings(workers=1))) as client:
        yield client


def test_ui_page_loads_only_this_servers_scripts(client: TestClient) -> None:
    answer = client.get("/")
    assert answer.status_code == 200
    assert answer.headers["content-security-policy"] == UI_CSP
    assert "script-src 'self'" in UI_CSP and "unsafe-inline" not in UI_CSP
    page = answer.text
    assert "<script>" not in page and "http://" not in page and "https://" not in page
    for script in ("common.js", "analyse.js", "corpus.js"):
        served = client.get(f"/ui/static/{script}")
        assert served.status_code == 200 and "javascript" in served.headers["content-type"]
        assert "http://" not in served.text and "https://" not in served.text


def test_ui_plotly_comes_from_the_plotly_package(client: TestClient) -> None:
    path = plotly_js()
    assert path is not None and path.parent.parent.name == "plotly"
    answer = client.get("/ui/plotly.min.js")
    assert answer.status_code == 200 and len(answer.content) == path.stat().st_size


def test_ui_read_splits_a_jsonl_upload_into_documents(client: TestClient) -> None:
    lines = [
        json.dumps({"text": "First text.", "title": "One"}),
        "not json",
        json.dumps({"text": "Second text.", "author": "B"}),
    ]
    answer = client.post(
        "/ui/api/read", params={"name": "batch.jsonl"}, content="\n".join(lines).encode()
    )
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert [d["text"] for d in found["documents"]] == ["First text.", "Second text."]
    assert found["documents"][0]["metadata"]["title"] == "One"
    assert len(found["problems"]) == 1 and "batch.jsonl" in found["problems"][0]


def test_ui_read_csv_and_text_uploads(client: TestClient) -> None:
    csv = "text,author,date\nA first row.,Ann,2024-01-02\nA second row.,Bob,2024-01-03\n"
    answer = client.post("/ui/api/read", params={"name": "rows.csv"}, content=csv.encode())
    assert [d["metadata"]["author"] for d in answer.json()["documents"]] == ["Ann", "Bob"]
    answer = client.post("/ui/api/read", params={"name": "note.md"}, content=b"# Note\n\nHi.")
    assert answer.json()["documents"][0]["text"] == "# Note\n\nHi."


def test_ui_read_refuses_an_unknown_kind_in_one_line(client: TestClient) -> None:
    answer = client.post("/ui/api/read", params={"name": "scan.pdf"}, content=b"%PDF-1.4")
    assert answer.status_code == 415
    detail = answer.json()["detail"]
    assert "scan.pdf" in detail and ".jsonl" in detail and "\n" not in detail


def test_ui_read_needs_a_name(client: TestClient) -> None:
    answer = client.post("/ui/api/read", content=b"text")
    assert answer.status_code == 422


def test_ui_report_is_kept_and_framed_only_by_this_server(client: TestClient) -> None:
    answer = client.post(
        "/ui/api/reports", json={"text": "Russia will strike.", "metadata": {"title": "T"}}
    )
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["summary"]["title"] == "T" and found["summary"]["claims"] == 0
    report = client.get("/" + found["report"])
    assert report.status_code == 200 and "Russia will strike." in report.text
    policy = report.headers["content-security-policy"]
    assert policy.endswith("frame-ancestors 'self'") and policy.count("frame-ancestors") == 1
    assert report.headers["x-frame-options"] == "SAMEORIGIN"


def test_ui_report_refuses_bad_input_in_one_line(client: TestClient) -> None:
    answer = client.post("/ui/api/reports", json={"text": "  "})
    assert answer.status_code == 422 and "text is empty" in answer.json()["detail"]
    answer = client.post("/ui/api/reports", content=b"{not json")
    assert answer.status_code == 422 and "not valid JSON" in answer.json()["detail"]
    assert client.get("/ui/reports/nothing-here").status_code == 404


def test_ui_corpus_overview_lists_the_filter_values(client: TestClient) -> None:
    found = client.get("/ui/api/corpus").json()
    assert found["available"] and found["documents"] == 4
    assert found["authors"] == ["Dove", "Hawk"] and found["outlets"] == ["Daily", "Weekly"]
    assert {"id": "russia", "name": "Russia"} in found["actors"]
    assert found["rungs"] == [0, 1, 2, 3, 5] and "threaten" in found["stances"]


@pytest.mark.parametrize(
    ("params", "authors"),
    [
        ({}, ["Dove", "Dove", "Hawk", "Hawk"]),
        ({"since": "2024-03-06", "until": "2024-03-31"}, ["Dove", "Hawk"]),
        ({"outlet": "Weekly"}, ["Dove", "Dove"]),
        ({"author": "Hawk"}, ["Hawk", "Hawk"]),
        ({"speaker": "Host"}, ["Hawk"]),
        ({"actor": "russia"}, ["Dove", "Hawk", "Hawk"]),
        ({"stance": "threaten"}, ["Hawk"]),
        ({"rung": 2}, ["Dove", "Hawk", "Hawk"]),
        ({"speaker": "Host", "rung": 2}, []),  # one and the same claim must match both
    ],
)
def test_ui_corpus_documents_filters(
    client: TestClient, params: dict[str, str | int], authors: list[str]
) -> None:
    answer = client.get("/ui/api/corpus/documents", params=params)
    assert answer.status_code == 200, answer.text
    assert sorted(row["author"] for row in answer.json()["rows"]) == authors


def test_ui_corpus_claims_carry_quotes_that_match_their_documents(client: TestClient) -> None:
    rows = client.get("/ui/api/corpus/claims", params={"rung": 3}).json()["rows"]
    assert [(row["quote"], row["level"]) for row in rows] == [
        ("nuclear weapons", 5),
        ("strike", 3),
    ]
    for row in rows:
        text = client.get(f"/ui/api/corpus/documents/{row['doc_id']}").json()["text"]
        assert text[row["start_char"] : row["end_char"]] == row["quote"]


def test_ui_corpus_redline_timeline_per_actor_in_date_order(client: TestClient) -> None:
    found = client.get("/ui/api/corpus/redlines").json()
    (russia,) = found["actors"]
    assert russia["actor"] == "Russia"
    assert [(r["published"], r["quote"]) for r in russia["red_lines"]] == [
        ("2024-03-05", "against them"),
        ("2024-03-07", "cross the line"),
    ]


@pytest.mark.parametrize("view", ["trends", "techniques", "actors", "alignment", "redlines"])
def test_ui_corpus_charts_are_plotly_figures(client: TestClient, view: str) -> None:
    answer = client.get(f"/ui/api/corpus/charts/{view}")
    assert answer.status_code == 200, answer.text
    figure = answer.json()
    assert figure["data"] and "layout" in figure


def test_ui_corpus_bad_input_gives_one_line_4xx(client: TestClient) -> None:
    answer = client.get("/ui/api/corpus/charts/pie")
    assert answer.status_code == 422 and "no chart 'pie'" in answer.json()["detail"]
    answer = client.get("/ui/api/corpus/charts/trends", params={"every": "year"})
    assert answer.status_code == 422 and "every must be one of" in answer.json()["detail"]
    answer = client.get("/ui/api/corpus/documents", params={"since": "March"})
    assert answer.status_code == 422
    answer = client.get("/ui/api/corpus/documents/0000")
    assert answer.status_code == 404 and "no document '0000'" in answer.json()["detail"]


def test_ui_corpus_stored_report_renders_without_analysing(client: TestClient) -> None:
    doc_id = client.get("/ui/api/corpus/documents", params={"stance": "threaten"}).json()["rows"][
        0
    ]["id"]
    answer = client.post(f"/ui/api/corpus/documents/{doc_id}/report")
    assert answer.status_code == 200, answer.text
    assert answer.json()["summary"]["claims"] == 2
    assert "nuclear weapons" in client.get("/" + answer.json()["report"]).text


def test_ui_without_a_corpus_says_how_to_open_one(bare: TestClient) -> None:
    assert bare.get("/ui/api/corpus").json() == {"available": False}
    answer = bare.get("/ui/api/corpus/documents")
    assert answer.status_code == 404 and "--corpus" in answer.json()["detail"]


def test_ui_corpus_setting_must_name_a_file(tmp_path: Path) -> None:
    from redline.errors import ConfigError

    with pytest.raises(ConfigError, match="is not a file"):
        ServiceSettings(corpus=tmp_path / "missing.duckdb")


def test_ui_endpoints_need_the_token_when_the_server_has_one(corpus_file: Path) -> None:
    settings = ServiceSettings(workers=1, corpus=corpus_file, token=TOKEN)
    with TestClient(stand_in_app(settings)) as guarded:
        assert guarded.get("/").status_code == 200  # the page itself asks for the token
        assert guarded.get("/ui/api/corpus").status_code == 401
        assert guarded.post("/ui/api/reports", json={"text": "x"}).status_code == 401
        answer = guarded.get("/ui/api/corpus", headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 200 and answer.json()["documents"] == 4


def test_ui_worker_summary_names_the_document() -> None:
    from redline.web.worker import summary

    document = Document.from_text("A short text to name the report by.")
    assert summary(document)["title"] == "A short text to name the report by."


def test_ui_corpus_chart_follows_the_filters(client: TestClient) -> None:
    figure = client.get("/ui/api/corpus/charts/trends", params={"author": "Hawk"}).json()
    assert [trace["name"] for trace in figure["data"]] == ["Hawk"]
    empty = client.get("/ui/api/corpus/charts/redlines", params={"since": "2030-01-01"}).json()
    assert empty["data"] == [] and "No data" in empty["layout"]["title"]["text"]


def test_ui_corpus_that_is_not_a_corpus_is_a_one_line_503(tmp_path: Path) -> None:
    import duckdb

    foreign = tmp_path / "foreign.duckdb"
    with duckdb.connect(str(foreign)) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
    with TestClient(stand_in_app(ServiceSettings(workers=1, corpus=foreign))) as client:
        answer = client.get("/ui/api/corpus")
    assert answer.status_code == 503
    assert "foreign.duckdb" in answer.json()["detail"] and "\n" not in answer.json()["detail"]
