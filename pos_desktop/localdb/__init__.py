"""The till's local store: SQLite through SQLAlchemy, the source of truth while offline.

Modules, by what they hold:

* ``engine``: opening the database (WAL, ``synchronous=FULL``, foreign keys, BEGIN IMMEDIATE);
* ``models`` and ``migrations/``: the schema; ``migrate.upgrade`` runs on every start;
* ``catalog``, ``staff``, ``sales``, ``settings``: the ``services.ports`` implementations;
* ``store``: all of the above wired together for the composition root;
* ``lock``: one process per data folder; ``seed``: the demo store and the bulk loader.

Nothing is re-exported here, so ``lock`` can be imported and taken at start-up before
SQLAlchemy is even loaded.
"""
