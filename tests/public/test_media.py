"""What /media/ serves: the renditions readers see, not the records kept beside them."""

from __future__ import annotations

from pathlib import Path


def test_renditions_are_served_and_their_manifests_are_not(demo):
    root = Path(demo.config["MEDIA_ROOT"])
    manifest = next(root.glob("images/*/*.json"))
    rendition = next(root.glob("images/*/*.webp"))
    client = demo.test_client()
    served = client.get(f"/media/{rendition.relative_to(root).as_posix()}")
    assert served.status_code == 200 and served.mimetype == "image/webp"
    served.close()
    assert client.get(f"/media/{manifest.relative_to(root).as_posix()}").status_code == 404
