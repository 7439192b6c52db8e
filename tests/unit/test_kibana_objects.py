"""Static checks of the Kibana saved objects in ``deploy/kibana/dipwatch.ndjson``.

No Kibana runs here, so this is the gate before the compose importer posts the file: every line is a
saved object of a type Kibana 9.2 imports, every reference resolves inside the file, the objects are
internally consistent (Lens layers, dashboard panels, map layers) and every field they name — KQL
queries, columns, sort, Lens ``sourceField``, map ``geoField``/tooltips — exists in the index template
mapping of its data view with a type the use needs. Renaming a field in a template fails this test.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from dipwatch.adapters.elastic.templates import KINDS, Kind, alias_name, load_template
from dipwatch.core.alerts import EVENTS_DATA_VIEW_ID
from dipwatch.settings import Settings

REPO = Path(__file__).resolve().parents[2]
NDJSON = REPO / "deploy" / "kibana" / "dipwatch.ndjson"
PREFIX: str = Settings.model_fields["index_prefix"].default

KNOWN_TYPES = {"index-pattern", "search", "lens", "map", "dashboard", "visualization"}
RECORDS = "___records___"  # Lens' pseudo field of the count operation
DATE_TYPES = {"date", "date_nanos"}
NUMERIC_TYPES = {
    "long",
    "integer",
    "short",
    "byte",
    "double",
    "float",
    "half_float",
    "scaled_float",
    "unsigned_long",
}
GEO_TYPES = {"geo_point", "geo_shape"}
# keys under which saved objects name a field; used to catch fields the typed collection misses
FIELD_KEYS = {"sourceField", "geoField", "sortField", "timeFieldName", "fieldName"}
LENS_NEEDS = {
    "date_histogram": "date",
    "terms": "aggregatable",
    "unique_count": "aggregatable",
    "last_value": "aggregatable",
    **{
        op: "numeric"
        for op in ("average", "sum", "min", "max", "median", "percentile", "standard_deviation", "range")
    },
}


@dataclass(frozen=True)
class Use:
    """One field named by a saved object, resolved to the data view it is looked up in."""

    obj: str
    data_view: str
    field: str
    needs: str  # any | date | numeric | aggregatable | sortable | geo


# --- loading -------------------------------------------------------------------------------------


@cache
def objects() -> tuple[dict[str, Any], ...]:
    lines = [line for line in NDJSON.read_text("utf-8").splitlines() if line.strip()]
    return tuple(json.loads(line) for line in lines)


def by_key() -> dict[tuple[str, str], dict[str, Any]]:
    return {(o["type"], o["id"]): o for o in objects()}


def data_views() -> dict[str, Kind]:
    """Data view id → index kind, by matching the title to the alias of each template."""
    aliases = {alias_name(kind, PREFIX): kind for kind in KINDS}
    return {o["id"]: aliases[o["attributes"]["title"]] for o in objects() if o["type"] == "index-pattern"}


def mapping_fields(mapping: dict[str, Any]) -> dict[str, str]:
    """Every field path of a mapping → its type; objects are ``object``, sub-fields are ``a.b``."""
    out: dict[str, str] = {}

    def walk(props: dict[str, Any], prefix: str) -> None:
        for name, spec in props.items():
            path = f"{prefix}{name}"
            out[path] = spec.get("type", "object")
            if "properties" in spec:
                walk(spec["properties"], f"{path}.")
            for sub, sub_spec in spec.get("fields", {}).items():
                out[f"{path}.{sub}"] = sub_spec["type"]

    walk(mapping["properties"], "")
    return out


def template_mappings() -> dict[Kind, dict[str, Any]]:
    return {kind: load_template(kind, PREFIX)["template"]["mappings"] for kind in KINDS}


def decode(value: Any) -> Any:
    """Attributes with JSON inside strings (panelsJSON, layerListJSON …) decoded, recursively."""
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return decode(json.loads(value))
        except json.JSONDecodeError:
            return value
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


# --- KQL -----------------------------------------------------------------------------------------

_KQL_FIELD = re.compile(r"(?<![\w.*@-])([A-Za-z_@][\w.*@-]*)\s*(?=:|<=|>=|<|>)")


def kql_fields(query: str) -> set[str]:
    """The field names of a KQL query (``field:value``, ``field <= n``), quoted values skipped."""
    unquoted: list[str] = []
    i, start = 0, 0
    while i < len(query):
        if query[i] == '"':
            unquoted.append(query[start:i])
            i += 1
            while i < len(query) and query[i] != '"':
                i += 2 if query[i] == "\\" else 1
            if i >= len(query):
                raise ValueError(f"unterminated string in KQL {query!r}")
            start = i + 1
        i += 1
    unquoted.append(query[start:])
    return {m.group(1) for part in unquoted for m in _KQL_FIELD.finditer(part)}


def kuery(query: Any) -> set[str]:
    if not isinstance(query, dict) or not query.get("query"):
        return set()
    assert query.get("language") == "kuery", f"only KQL queries are expected, got {query!r}"
    return kql_fields(str(query["query"]))


# --- field uses per object type -------------------------------------------------------------------


def ref_id(obj: dict[str, Any], name: str) -> str:
    matches = [r["id"] for r in obj["references"] if r["name"] == name]
    assert len(matches) == 1, f"{obj['id']}: expected one reference named {name!r}, found {matches}"
    return str(matches[0])


def uses_of(obj: dict[str, Any]) -> list[Use]:
    oid, attrs = obj["id"], decode(obj["attributes"])
    out: list[Use] = []
    kind = obj["type"]
    if kind == "index-pattern":
        out.append(Use(oid, oid, attrs["timeFieldName"], "date"))
        for key in ("fieldFormatMap", "fieldAttrs"):
            out += [Use(oid, oid, f, "any") for f in attrs.get(key) or {}]
    elif kind == "search":
        source = attrs["kibanaSavedObjectMeta"]["searchSourceJSON"]
        dv = ref_id(obj, source["indexRefName"])
        out += [Use(oid, dv, f, "any") for f in attrs.get("columns", [])]
        out += [Use(oid, dv, f, "sortable") for f, _direction in attrs.get("sort", [])]
        out += [Use(oid, dv, f, "any") for f in kuery(source.get("query"))]
        out += [Use(oid, dv, f["meta"]["key"], "any") for f in source.get("filter", []) if "key" in f["meta"]]
    elif kind == "lens":
        state = attrs["state"]
        layer_dvs = []
        for layer_id, layer in state["datasourceStates"]["formBased"]["layers"].items():
            dv = ref_id(obj, f"indexpattern-datasource-layer-{layer_id}")
            layer_dvs.append(dv)
            for column in layer["columns"].values():
                field = column.get("sourceField")
                if field and field != RECORDS:
                    out.append(Use(oid, dv, field, LENS_NEEDS.get(column["operationType"], "any")))
                out += [Use(oid, dv, f, "any") for f in kuery(column.get("filter"))]
        out += [Use(oid, dv, f, "any") for dv in layer_dvs for f in kuery(state.get("query"))]
    elif kind == "map":
        map_dvs = []
        for layer in attrs["layerListJSON"]:
            source = layer.get("sourceDescriptor", {})
            if "indexPatternRefName" not in source:
                continue
            dv = ref_id(obj, source["indexPatternRefName"])
            map_dvs.append(dv)
            out.append(Use(oid, dv, source["geoField"], "geo"))
            out += [Use(oid, dv, f, "any") for f in source.get("tooltipProperties", [])]
            if source.get("sortField"):
                out.append(Use(oid, dv, source["sortField"], "sortable"))
            out += [Use(oid, dv, m["field"], "numeric") for m in source.get("metrics", []) if "field" in m]
            for prop in layer.get("style", {}).get("properties", {}).values():
                field = prop.get("options", {}).get("field")
                by_doc = source["type"] == "ES_SEARCH"  # grid layers style by their own metrics
                if isinstance(field, dict) and field.get("origin") == "source" and by_doc:
                    out.append(Use(oid, dv, field["name"], "any"))
        out += [Use(oid, dv, f, "any") for dv in map_dvs for f in kuery(attrs["mapStateJSON"].get("query"))]
    elif kind == "dashboard":
        query = attrs["kibanaSavedObjectMeta"]["searchSourceJSON"].get("query")
        shown = [by_key()[ref["type"], ref["id"]] for ref in obj["references"]]
        panel_dvs = {u.data_view for panel in shown for u in uses_of(panel)}
        out += [Use(oid, dv, f, "any") for dv in sorted(panel_dvs) for f in kuery(query)]
    return out


def generic_field_mentions(value: Any) -> Iterator[str]:
    """Every string under a key that names a field, anywhere in the decoded object."""
    if isinstance(value, dict):
        for key, sub in value.items():
            if key in FIELD_KEYS and isinstance(sub, str):
                yield sub
            else:
                yield from generic_field_mentions(sub)
    elif isinstance(value, list):
        for sub in value:
            yield from generic_field_mentions(sub)


def problems(mappings: dict[Kind, dict[str, Any]]) -> list[str]:
    """Every field use that the mappings do not satisfy, as readable messages."""
    fields = {kind: mapping_fields(m) for kind, m in mappings.items()}
    views = data_views()
    found: list[str] = []
    for obj in objects():
        for use in uses_of(obj):
            kind = views[use.data_view]
            es_type = fields[kind].get(use.field)
            if es_type is None or es_type == "object":
                found.append(f"{use.obj}: field {use.field!r} is not in the {kind} mapping")
            elif not satisfies(es_type, use.needs):
                found.append(f"{use.obj}: field {use.field!r} is {es_type}, but the use needs {use.needs}")
    return found


def satisfies(es_type: str, needs: str) -> bool:
    return {
        "any": True,
        "date": es_type in DATE_TYPES,
        "numeric": es_type in NUMERIC_TYPES,
        "geo": es_type in GEO_TYPES,
        "aggregatable": es_type not in {"text", "object", "nested"},
        "sortable": es_type in DATE_TYPES | NUMERIC_TYPES | {"keyword", "boolean", "ip"},
    }[needs]


def remove_field(mapping: dict[str, Any], path: str) -> None:
    """Delete ``path`` (``a.b`` object path or ``a.sub`` multi-field) from a mapping, in place."""
    parts = path.split(".")
    props = mapping["properties"]
    for i, part in enumerate(parts):
        spec = props[part]
        if i == len(parts) - 1:
            del props[part]
            return
        if "properties" in spec:
            props = spec["properties"]
        else:  # the rest is a multi-field name
            del spec["fields"][".".join(parts[i + 1 :])]
            return


# --- tests: shape ------------------------------------------------------------------------------------


def test_every_line_is_a_saved_object_kibana_imports() -> None:
    raw = [line for line in NDJSON.read_text("utf-8").splitlines() if line.strip()]
    assert len(raw) == len(objects()) >= 10
    for obj in objects():
        assert isinstance(obj, dict)
        assert {"type", "id", "attributes", "references"} <= obj.keys(), obj.get("id")
        assert obj["type"] in KNOWN_TYPES, obj["type"]
        assert isinstance(obj["id"], str) and re.fullmatch(r"[a-z0-9][a-z0-9-]*", obj["id"]), obj["id"]
        assert isinstance(obj["attributes"], dict) and obj["attributes"]["title"], obj["id"]
        assert obj["coreMigrationVersion"] == "8.8.0", obj["id"]
        assert re.fullmatch(r"\d+\.\d+\.\d+", obj["typeMigrationVersion"]), obj["id"]
        # strings that carry JSON must parse, or Kibana fails the panel at render time
        for key in ("panelsJSON", "optionsJSON", "layerListJSON", "mapStateJSON", "uiStateJSON", "fields"):
            if key in obj["attributes"]:
                json.loads(obj["attributes"][key])
        meta = obj["attributes"].get("kibanaSavedObjectMeta")
        if meta:
            json.loads(meta["searchSourceJSON"])
    keys = [(o["type"], o["id"]) for o in objects()]
    assert len(keys) == len(set(keys)), "duplicate type/id"


def test_references_resolve_inside_the_file() -> None:
    known = by_key()
    for obj in objects():
        names = [r["name"] for r in obj["references"]]
        assert len(names) == len(set(names)), f"{obj['id']}: duplicate reference names"
        for ref in obj["references"]:
            assert {"id", "name", "type"} == ref.keys(), ref
            assert (ref["type"], ref["id"]) in known, f"{obj['id']}: dangling reference {ref}"


def test_data_views_are_the_aliases_the_indexer_writes() -> None:
    views = data_views()
    assert views == {f"{PREFIX}-articles": "articles", f"{PREFIX}-events": "events"}
    assert views[EVENTS_DATA_VIEW_ID] == "events", "alert links open this data view in Discover"
    fields = {kind: mapping_fields(m) for kind, m in template_mappings().items()}
    for obj in objects():
        if obj["type"] == "index-pattern":
            time_field = obj["attributes"]["timeFieldName"]
            assert fields[views[obj["id"]]][time_field] in DATE_TYPES, obj["id"]


def test_lens_objects_are_consistent() -> None:
    lenses = [o for o in objects() if o["type"] == "lens"]
    assert lenses
    for obj in lenses:
        state = obj["attributes"]["state"]
        layers = state["datasourceStates"]["formBased"]["layers"]
        assert layers, obj["id"]
        layer_refs = {f"indexpattern-datasource-layer-{lid}" for lid in layers}
        assert layer_refs == {r["name"] for r in obj["references"]}, obj["id"]
        column_ids: set[str] = set()
        for layer in layers.values():
            assert set(layer["columnOrder"]) == set(layer["columns"]), obj["id"]
            column_ids |= set(layer["columns"])
            for column in layer["columns"].values():
                assert column["operationType"] in {*LENS_NEEDS, "count"}, column
                order = column.get("params", {}).get("orderBy", {})
                if order.get("type") == "column":
                    assert order["columnId"] in layer["columns"], obj["id"]
        vis = state["visualization"]
        named = set(_accessors(vis))
        assert named and named <= column_ids, f"{obj['id']}: unknown columns {named - column_ids}"
        vis_layers = vis.get("layers", [vis])
        assert {layer["layerId"] for layer in vis_layers} == set(layers), obj["id"]


def _accessors(vis: Any) -> Iterator[str]:
    if isinstance(vis, dict):
        for key, value in vis.items():
            if key in {"xAccessor", "splitAccessor", "columnId", "metricAccessor"} and isinstance(value, str):
                yield value
            elif key == "accessors":
                yield from value
            else:
                yield from _accessors(value)
    elif isinstance(vis, list):
        for item in vis:
            yield from _accessors(item)


def test_searches_and_maps_name_their_data_view_by_reference() -> None:
    for obj in objects():
        attrs = decode(obj["attributes"])
        names = {r["name"] for r in obj["references"]}
        if obj["type"] == "search":
            assert attrs["kibanaSavedObjectMeta"]["searchSourceJSON"]["indexRefName"] in names
        if obj["type"] == "map":
            sources = [layer["sourceDescriptor"] for layer in attrs["layerListJSON"]]
            assert {s["indexPatternRefName"] for s in sources if "indexPatternRefName" in s} == names


def test_dashboard_panels_point_at_objects_in_the_file() -> None:
    dashboards = [o for o in objects() if o["type"] == "dashboard"]
    assert len(dashboards) == 1
    dash = dashboards[0]
    panels = json.loads(dash["attributes"]["panelsJSON"])
    refs = {r["name"]: r for r in dash["references"]}
    assert len(panels) == len(refs) >= 5
    assert len({p["panelIndex"] for p in panels}) == len(panels)
    for panel in panels:
        ref = refs[f"{panel['panelIndex']}:{panel['panelRefName']}"]
        assert ref["type"] == panel["type"], panel
        grid = panel["gridData"]
        assert grid["i"] == panel["panelIndex"] and grid["x"] + grid["w"] <= 48, panel
    cells = [
        (p["gridData"]["x"] + dx, p["gridData"]["y"] + dy)
        for p in panels
        for dx in range(p["gridData"]["w"])
        for dy in range(p["gridData"]["h"])
    ]
    assert len(cells) == len(set(cells)), "dashboard panels overlap"


# --- tests: content ---------------------------------------------------------------------------------


def _lens_ops(obj: dict[str, Any]) -> set[tuple[str, str]]:
    layers = obj["attributes"]["state"]["datasourceStates"]["formBased"]["layers"].values()
    return {(c["operationType"], c["sourceField"]) for layer in layers for c in layer["columns"].values()}


def test_the_dashboard_shows_what_the_issue_asks_for() -> None:
    dash = next(o for o in objects() if o["type"] == "dashboard")
    shown = [by_key()[r["type"], r["id"]] for r in dash["references"]]
    ops = [_lens_ops(o) for o in shown if o["type"] == "lens"]
    by_type = {("date_histogram", "published_at"), ("terms", "event_type")}
    assert any(by_type <= s for s in ops), "events over time by type"
    assert any(("average", "goldstein") in s for s in ops), "Goldstein trend"
    assert any({("terms", "source.name"), ("terms", "target.name")} <= s for s in ops), "actor pairs"
    assert any({("terms", "source.country"), ("terms", "target.country")} <= s for s in ops), "country pairs"
    maps = [decode(o["attributes"]) for o in shown if o["type"] == "map"]
    geo = {layer["sourceDescriptor"].get("geoField") for m in maps for layer in m["layerListJSON"]}
    assert "place.location" in geo, "map of event places"


@pytest.mark.parametrize(
    ("search_id", "query_fields"),
    [
        ("dipwatch-search-sanctions-rus", {"event_type", "target.country"}),
        ("dipwatch-search-lavrov-meetings", {"event_type", "source.actor_id", "target.actor_id"}),
        ("dipwatch-search-threats", {"event_type"}),
        ("dipwatch-search-goldstein-conflict", {"goldstein"}),
        ("dipwatch-search-diplomatic-articles", {"is_diplomatic"}),
    ],
)
def test_saved_searches(search_id: str, query_fields: set[str]) -> None:
    obj = by_key()["search", search_id]
    source = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
    assert kql_fields(source["query"]["query"]) == query_fields


def test_kql_field_extraction() -> None:
    assert kql_fields('event_type:CONSULT and (source.actor_id:"person:x" or target.name:"a:b \\" c:d")') == {
        "event_type",
        "source.actor_id",
        "target.name",
    }
    assert kql_fields("goldstein <= -5 and not quad_class>=3") == {"goldstein", "quad_class"}
    assert kql_fields("lavrov") == set()


# --- tests: fields against the templates -------------------------------------------------------------


def test_every_named_field_exists_in_its_template() -> None:
    assert problems(template_mappings()) == []


def test_the_typed_collection_sees_every_field_key() -> None:
    """A field under sourceField/geoField/… that ``uses_of`` does not know would escape the check."""
    for obj in objects():
        seen = {u.field for u in uses_of(obj)} | {RECORDS}
        mentioned = set(generic_field_mentions(decode(obj["attributes"])))
        assert mentioned <= seen, f"{obj['id']}: unchecked fields {mentioned - seen}"


def _all_uses() -> list[tuple[Kind, str]]:
    views = data_views()
    return sorted({(views[u.data_view], u.field) for o in objects() for u in uses_of(o)})


def test_all_uses_cover_the_important_fields() -> None:
    used = set(_all_uses())
    for expected in [
        ("events", "place.location"),
        ("events", "goldstein"),
        ("events", "event_type"),
        ("events", "published_at"),
        ("articles", "is_diplomatic"),
        ("articles", "published_at"),
    ]:
        assert expected in used


@pytest.mark.parametrize(("kind", "field"), _all_uses())
def test_renaming_a_template_field_is_caught(kind: Kind, field: str) -> None:
    mappings = template_mappings()
    broken = copy.deepcopy(mappings)
    remove_field(broken[kind], field)
    assert field not in mapping_fields(broken[kind])
    assert any(repr(field) in p for p in problems(broken)), f"removing {kind}.{field} went unnoticed"


def test_a_type_change_is_caught() -> None:
    broken = copy.deepcopy(template_mappings())
    broken["events"]["properties"]["goldstein"]["type"] = "keyword"
    broken["events"]["properties"]["place"]["properties"]["location"]["type"] = "keyword"
    found = problems(broken)
    assert any("'goldstein' is keyword" in p for p in found)
    assert any("'place.location' is keyword" in p for p in found)
