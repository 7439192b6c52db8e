"""Install the index templates and the first versioned index behind each alias.

Layout (``prefix`` = ``settings.index_prefix``): composable template ``<prefix>-<kind>`` for the
pattern ``<prefix>-<kind>-*``, concrete index ``<prefix>-<kind>-v<version>`` and the alias
``<prefix>-<kind>`` (the write index) that readers and the indexer use. A mapping change is a new
template version, a new index, a reindex and an alias swap; this module only creates what is missing,
so it is safe to run at every start of every indexer.

The analysers use only the standard tokenizer and the ``lowercase``/``stop`` filters: those exist in
the minimal Elasticsearch of the local stack (which lacks the ``german``/``english`` analysers,
``asciifolding`` and the stemmers) as well as in the full distribution, so one template fits both.
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from typing import Any, Literal

from elasticsearch import AsyncElasticsearch, BadRequestError

LOGGER = logging.getLogger(__name__)

Kind = Literal["articles", "events"]
KINDS: tuple[Kind, ...] = ("articles", "events")


def load_template(kind: Kind, prefix: str) -> dict[str, Any]:
    """The template of ``kind`` from the data file, with ``{prefix}`` filled in."""
    raw = resources.files("dipwatch").joinpath("data", "elastic", f"{kind}.template.json").read_text("utf-8")
    body: dict[str, Any] = json.loads(raw)
    body["index_patterns"] = [p.replace("{prefix}", prefix) for p in body["index_patterns"]]
    body["_meta"]["alias"] = body["_meta"]["alias"].replace("{prefix}", prefix)
    return body


def alias_name(kind: Kind, prefix: str) -> str:
    return f"{prefix}-{kind}"


def index_name(kind: Kind, prefix: str, version: int) -> str:
    return f"{prefix}-{kind}-v{version}"


async def install_template(client: AsyncElasticsearch, kind: Kind, prefix: str) -> str:
    """Put the template, create its first index and alias when missing; returns the alias."""
    body = load_template(kind, prefix)
    alias = alias_name(kind, prefix)
    await client.indices.put_index_template(
        name=alias,
        index_patterns=body["index_patterns"],
        template=body["template"],
        priority=body["priority"],
        version=body["version"],
        meta=body["_meta"],
    )
    if await client.indices.exists_alias(name=alias):
        return alias
    if await client.indices.exists(index=alias):
        raise RuntimeError(
            f"{alias!r} is a concrete index, not an alias (written before the templates were installed?); "
            "reindex it into a versioned index and delete it"
        )
    index = index_name(kind, prefix, int(body["version"]))
    try:
        await client.indices.create(index=index, aliases={alias: {"is_write_index": True}})
        LOGGER.info("created index %s behind alias %s", index, alias)
    except BadRequestError as exc:  # another indexer raced us to it
        if exc.error != "resource_already_exists_exception":
            raise
        await client.indices.put_alias(index=index, name=alias, is_write_index=True)
    return alias


async def install_templates(client: AsyncElasticsearch, prefix: str) -> dict[Kind, str]:
    """Install both templates; returns kind → alias."""
    return {kind: await install_template(client, kind, prefix) for kind in KINDS}
