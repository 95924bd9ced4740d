"""One way for every staff list: server-side pages, a search (``q=``) and a sort (``sort=``).

A list describes its sortable columns once (:class:`Column`: a key and the SQL it sorts by) and
its searchable text; :class:`Listing` reads ``q``, ``sort`` and ``page`` from the request, adds
the search to the query, orders it and cuts one page of it in SQL (LIMIT/OFFSET, with one
``count(*)`` for the number of pages)::

    listing = Listing("staff.users", USER_COLUMNS, default="name", keep={"role": "editor"})
    query = listing.search(sa.select(User), User.name, User.email)
    pagination = listing.paginate(listing.order(query))

Templates show it with ``macros/listing.html``: ``sort_header`` (a column heading as a link,
with ``aria-sort``), ``search_field`` and ``pages`` (the pagination macro every staff list
shares), so a list works without JavaScript. ``?sort=title`` sorts ascending, ``?sort=-title``
descending; an unknown value is the list's default, not an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app, request, url_for
from flask_sqlalchemy.pagination import SelectPagination

from ..extensions import db

PER_PAGE = 50
MAX_SEARCH = 200


def folded(expression: Any) -> sa.ColumnElement:
    """``expression`` in lower case, Polish and Ukrainian letters included, on every engine."""
    if db.session.get_bind().dialect.name == "sqlite":
        return sa.func.casefold(expression)  # registered on each connection (database.py)
    return sa.func.lower(expression)


@dataclass(frozen=True)
class Column:
    """A column staff can sort by: ``key`` in the address, ``order`` the SQL it sorts by (ties
    broken by the later expressions), ``newest_first``: it starts descending (dates).

    For a list over a subquery (the dashboard's union of kinds), an expression of ``order`` may
    be the name of one of its columns, or a function of its columns (see :meth:`Listing.order`).
    """

    key: str
    order: tuple[Any, ...]
    newest_first: bool = False


class RowPagination(SelectPagination):
    """A page of plain rows (a ``select`` of columns, a union), not of one model's objects."""

    def _query_items(self) -> list[Any]:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).all())


class Listing:
    def __init__(self, endpoint: str, columns: Iterable[Column], default: str,
                 keep: Mapping[str, Any] | None = None, args: Mapping[str, str] | None = None,
                 per_page: int | None = None, **url_values: Any) -> None:
        args = request.args if args is None else args
        self.endpoint = endpoint
        self.url_values = url_values
        self.columns = {column.key: column for column in columns}
        self.q = " ".join((args.get("q") or "").split())[:MAX_SEARCH]
        wanted = args.get("sort") or ""
        key = wanted.removeprefix("-")
        if key in self.columns:
            self.sort, self.descending = key, wanted.startswith("-")
        else:
            self.sort = default
            self.descending = self.columns[default].newest_first
        # The list's own filters, kept on every link (sort, page) with the search.
        self.keep = {name: value for name, value in (keep or {}).items() if value}
        self.per_page = per_page or current_app.config.get("STAFF_PER_PAGE", PER_PAGE)

    # --- The query ------------------------------------------------------------------------

    def search(self, query: sa.Select, *texts: Any,
               also: Iterable[sa.ColumnElement[bool]] = ()) -> sa.Select:
        """Keep the rows one of whose ``texts`` contains the search, whatever the letter case.

        ``also``: other conditions any of which keeps a row too, for text in related rows (a
        file's titles where it is used: ``File.id.in_(listing.search(select(Use.file_id),
        Use.title))``); they are only read when there is a search.
        """
        if not self.q:
            return query
        needle = self.q.casefold()
        return query.where(sa.or_(*[folded(text).contains(needle, autoescape=True)
                                    for text in texts], *also))

    def order(self, query: sa.Select, columns: Any = None) -> sa.Select:
        """``query`` in the chosen order; ``columns``: the subquery's columns the sort names."""
        order = []
        for expr in self.columns[self.sort].order:
            if isinstance(expr, str):
                expr = columns[expr]
            elif callable(expr):
                expr = expr(columns)
            order.append(expr.desc() if self.descending else expr.asc())
        return query.order_by(*order)

    def paginate(self, query: sa.Select, rows: bool = False):
        """One page of ``query``, in SQL; ``rows``: plain rows rather than objects."""
        cls = RowPagination if rows else SelectPagination
        return cls(select=query, session=db.session(), page=None, per_page=self.per_page,
                   max_per_page=self.per_page, error_out=False)

    # --- Links ----------------------------------------------------------------------------

    def args(self, **changes: Any) -> dict[str, Any]:
        """The list's arguments (filters, search, sort), with ``changes``, for a link."""
        found: dict[str, Any] = dict(self.keep)
        if self.q:
            found["q"] = self.q
        found["sort"] = ("-" if self.descending else "") + self.sort
        found.update(changes)
        return {name: value for name, value in found.items() if value not in (None, "")}

    def url(self, **changes: Any) -> str:
        return url_for(self.endpoint, **self.url_values, **self.args(**changes))

    def sort_url(self, key: str) -> str:
        """The heading's link: this column, the other way round if it is the sort already.
        A new sort starts on the first page."""
        if key == self.sort:
            descending = not self.descending
        else:
            descending = self.columns[key].newest_first
        return self.url(sort=("-" if descending else "") + key, page=None)

    def aria_sort(self, key: str) -> str | None:
        if key != self.sort:
            return None
        return "descending" if self.descending else "ascending"

    def page_args(self) -> dict[str, Any]:
        """What the pagination macro keeps on its links."""
        return {**self.url_values, **self.args()}
