"""How the readers' pages reach the database: an item is found by its slug through an index."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.kinds import kind_named

from ..conftest import make_app


@pytest.mark.parametrize("kind", ["article", "award", "page"])
def test_an_address_is_found_through_the_slug_index(tmp_path, kind):
    # SQLite's plan names the index it uses; without one it reads ("SCAN") the whole table.
    app = make_app(tmp_path)
    with app.app_context():
        table = kind_named(kind).model.translation_class.__table__
        query = sa.select(table.c.parent_id, table.c.locale).where(table.c.slug == "zebranie")
        compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
        plan = " ".join(
            str(row[-1]) for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}"))
        )
    assert f"USING INDEX ix_{table.name}_slug" in plan, plan
