"""The journal's rules, as plain functions: no Flet, no clock, no files.

* ``search``: accent- and case-insensitive matching, filters, highlight spans;
* ``looking_back``: which past answer comes back today (1, 3, 7, 30 days);
* ``export``: Markdown (to read) and JSON (complete, re-importable);
* ``importing``: validating an export file before anything is touched;
* ``merge``: which of two versions of an entry wins;
* ``service``: the journal as the screens see it (joins the store, content, clock);
* ``command``: ``python main.py export`` and ``python main.py import``.
"""
