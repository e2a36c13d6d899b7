"""The analyst's tables: actions with GDELT-like place columns, positions and shifts with their evidence."""

from __future__ import annotations

from storyline.export import CSV_TABLES

TEXT = "Voss rejected the truce in Veshgrad. Later Voss accepted the truce."
ARTICLE = {"id": "a1", "url": None, "source": "a1.txt", "text": TEXT}
REJECT = {"actor": "Voss", "issue": "ceasefire", "stance": "rejects", "date": "2026-02-10", "via": "action",
          "evidence": [{"article": "a1", "start": 0, "end": 36}]}
ACCEPT = {**REJECT, "stance": "accepts", "date": "2026-03-01", "evidence": [{"article": "a1", "start": 37, "end": len(TEXT)}]}


def _rows(table: str, **lists) -> list[dict]:
    columns, rows = CSV_TABLES[table]
    return [{c: row.get(c) for c in columns} for row in rows({"articles": [ARTICLE], **lists})]


def test_an_action_carries_its_place_as_gdelt_does():
    place = {"name": "Veshgrad", "country": "XK", "subdivision": None, "lat": 46.1, "lon": 28.4}
    action = {"article": "a1", "date": "2026-02-10", "source_actor": "Voss", "target_actor": None, "type": "REJECT",
              "cameo_root": "12", "start": 0, "end": 36, "negated": False, "modality": "asserted", "place": place}
    (row,) = _rows("actions", actions=[action, ])
    assert (row["ActionGeo_FullName"], row["ActionGeo_CountryCode"], row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("Veshgrad", "XK", 46.1, 28.4)
    assert row["Evidence"] == "Voss rejected the truce in Veshgrad."
    (placeless,) = _rows("actions", actions=[{**action, "place": None}])
    assert placeless["ActionGeo_FullName"] is None and placeless["ActionGeo_Lat"] is None


def test_positions_and_shifts_quote_their_evidence():
    rows = _rows("positions", positions=[REJECT, ACCEPT])
    assert [(r["stance"], r["evidence"]) for r in rows] == [("rejects", "Voss rejected the truce in Veshgrad."),
                                                          ("accepts", "Later Voss accepted the truce.")]
    (shift,) = _rows("shifts", shifts=[{"actor": "Voss", "issue": "ceasefire", "from": "rejects", "to": "accepts",
                                        "before": REJECT, "after": ACCEPT}])
    assert (shift["before_date"], shift["after_date"]) == ("2026-02-10", "2026-03-01")
    assert shift["after_evidence"] == "Later Voss accepted the truce."
