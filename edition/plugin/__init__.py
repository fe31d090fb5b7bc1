"""The ``edition`` MkDocs plugin (registered through the ``mkdocs.plugins`` entry point)."""
