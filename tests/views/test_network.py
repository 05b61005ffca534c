"""The network view's exports: GEXF stays well-formed whatever the names and sentences hold."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from wirewatch.views.network import edge_rows, gexf

HOSTILE = ['<script>alert(1)</script>', 'A & B "quoted"', "O'Brien", "]]> <!-- x"]


@pytest.mark.parametrize("name", HOSTILE)
def test_network_gexf_escapes_names_and_evidence(name):
    graph = {
        "nodes": [{"id": "a", "name": name, "kind": "person", "weight": 1},
                  {"id": "b", "name": "B", "kind": None, "weight": 1}],
        "edges": [{"source": "a", "target": "b", "type": "ACCUSE", "weight": 1,
                   "evidence": [{"doc_id": "d", "evidence_start": 0, "evidence_end": 5,
                                 "evidence_text": name}]}],
    }
    root = ET.fromstring(gexf(graph))
    ns = {"g": "http://gexf.net/1.3"}
    assert root.find(".//g:node", ns).get("label") == name
    assert name in root.find(".//g:edge//g:attvalue[@for='evidence']", ns).get("value")
    assert edge_rows(graph)[0]["citations"][0]["text"] == name
