"""Who met whom, as a GraphML network (networkx, Gephi, Cytoscape read it).

Nodes are the corpus's bodies (``body:<id>``) and people (``person:<id>``); every meeting
gives dated edges between its participants.  In a meeting of the two sides the edges join
participants of opposite sides (a Vietnamese delegation meets its Chinese hosts; the members
of one delegation did not "meet" each other), and a participant whose side is not known is
joined to everyone; a meeting of one side only (a provincial steering committee) joins every
pair.  Two nodes that met several times have one edge per meeting.  Written with the
standard library's XML writer, so the export needs no graph package.
"""

from __future__ import annotations

import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from .timeline import meeting_participants, open_db

__all__ = ["GraphStats", "meeting_edges", "write_graphml"]

_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("label", "string"), ("type", "string"), ("side", "string"),
              ("gazetteer_id", "string"), ("n_articles", "int"))
_EDGE_KEYS = (("meeting", "string"), ("date", "string"), ("kind", "string"),
              ("kind_norm", "string"), ("place", "string"), ("doc_id", "string"))


@dataclass(frozen=True)
class GraphStats:
    nodes: int
    edges: int
    meetings: int


def _pairs(parts: list[tuple[str, str, str, str | None]]) -> Iterator[tuple[int, int]]:
    sides = {p[3] for p in parts if p[3] is not None}
    for i, j in combinations(range(len(parts)), 2):
        a, b = parts[i][3], parts[j][3]
        if len(sides) > 1 and a is not None and a == b:
            continue
        yield i, j


def meeting_edges(db: str | Path) -> tuple[dict[str, dict[str, str | int]],
                                           list[tuple[str, str, dict[str, str]]]]:
    """Nodes (id -> attributes) and edges (source, target, attributes) of the network."""
    nodes: dict[str, dict[str, str | int]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    with open_db(db) as conn:
        meetings = conn.execute(
            "SELECT m.id, m.date, m.kind, m.kind_norm, m.place, m.doc_id FROM meetings m "
            "ORDER BY m.date IS NULL, m.date, m.id").fetchall()
        for mid, date, kind, kind_norm, place, doc in meetings:
            parts = meeting_participants(conn, mid)
            node_ids = [f"{p[0]}:{p[1]}" for p in parts]
            for nid, p in zip(node_ids, parts, strict=True):
                if nid in nodes:
                    continue
                table = "bodies" if p[0] == "body" else "persons"
                row = conn.execute(f"SELECT name, side, n_articles FROM [{table}] WHERE id = ?",
                                   (p[1],)).fetchone()
                attrs: dict[str, str | int] = {"label": row[0], "type": p[0],
                                               "n_articles": row[2]}
                if row[1]:
                    attrs["side"] = row[1]
                if p[0] == "body" and conn.execute(
                        "SELECT gazetteer_id FROM bodies WHERE id = ?", (p[1],)).fetchone()[0]:
                    attrs["gazetteer_id"] = p[1]
                nodes[nid] = attrs
            fields = (("meeting", mid), ("date", date), ("kind", kind),
                      ("kind_norm", kind_norm), ("place", place), ("doc_id", doc))
            data: dict[str, str] = {k: v for k, v in fields if v}
            for i, j in _pairs(parts):
                edges.append((node_ids[i], node_ids[j], data))
    return dict(sorted(nodes.items())), edges


def write_graphml(db: str | Path, out: str | Path) -> GraphStats:
    """Write the meetings network of the corpus database ``db`` to ``out`` (GraphML)."""
    nodes, edges = meeting_edges(db)
    ET.register_namespace("", _NS)
    root = ET.Element(f"{{{_NS}}}graphml")
    for i, (name, kind) in enumerate(_NODE_KEYS):
        ET.SubElement(root, f"{{{_NS}}}key", {"id": f"n{i}", "for": "node",
                                              "attr.name": name, "attr.type": kind})
    for i, (name, kind) in enumerate(_EDGE_KEYS):
        ET.SubElement(root, f"{{{_NS}}}key", {"id": f"e{i}", "for": "edge",
                                              "attr.name": name, "attr.type": kind})
    node_key = {name: f"n{i}" for i, (name, _) in enumerate(_NODE_KEYS)}
    edge_key = {name: f"e{i}" for i, (name, _) in enumerate(_EDGE_KEYS)}
    graph = ET.SubElement(root, f"{{{_NS}}}graph", {"id": "meetings",
                                                    "edgedefault": "undirected"})
    for nid, attrs in nodes.items():
        el = ET.SubElement(graph, f"{{{_NS}}}node", {"id": nid})
        for name, nvalue in attrs.items():
            ET.SubElement(el, f"{{{_NS}}}data", {"key": node_key[name]}).text = str(nvalue)
    for n, (src, dst, eattrs) in enumerate(edges):
        el = ET.SubElement(graph, f"{{{_NS}}}edge", {"id": f"m{n}", "source": src,
                                                     "target": dst})
        for name, evalue in eattrs.items():
            ET.SubElement(el, f"{{{_NS}}}data", {"key": edge_key[name]}).text = evalue
    ET.indent(root)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            ET.ElementTree(root).write(fh, encoding="utf-8", xml_declaration=True)
            fh.write(b"\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return GraphStats(nodes=len(nodes), edges=len(edges),
                      meetings=len({e[2]["meeting"] for e in edges}))
