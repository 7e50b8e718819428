"""`vnsearch solr init`: upload the committed configset and create the collection (shards, replicas)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from search.solr.client import Address, SolrClient, SolrError

CONFIGSET = Path(__file__).with_name("configset")
CONFIG_NAME = "vnsearch"


def configset_zip(folder: Path = CONFIGSET) -> bytes:
    """The configset as Solr's upload wants it: a zip whose root holds solrconfig.xml."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted((folder / "conf").rglob("*")):
            if path.is_file():
                z.write(path, path.relative_to(folder / "conf").as_posix())
    return buf.getvalue()


def init(address: Address, shards: int = 2, replicas: int = 2, config_name: str = CONFIG_NAME) -> str:
    """Create the collection with this project's configset; an existing one is left as it is (said so)."""
    client = SolrClient(address, timeout=120.0)
    listing = client.request("GET", "/admin/collections", collection=False, params={"action": "LIST"})
    if address.collection in listing.get("collections", []):
        return f"collection {address.collection} exists: left as it is"
    client.request(
        "POST",
        "/admin/configs",
        collection=False,
        params={"action": "UPLOAD", "name": config_name, "overwrite": "true"},
        data=configset_zip(),
        headers={"Content-Type": "application/octet-stream"},
    )
    try:
        client.request(
            "GET",
            "/admin/collections",
            collection=False,
            timeout=180.0,
            params={
                "action": "CREATE",
                "name": address.collection,
                "numShards": shards,
                "replicationFactor": replicas,
                "collection.configName": config_name,
                "waitForFinalState": "true",
            },
        )
    except SolrError as exc:
        raise SolrError(f"could not create collection {address.collection}: {exc}") from None
    return f"collection {address.collection} created: {shards} shards × {replicas} replicas"
