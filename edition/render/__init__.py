"""Renderers: Edition in, text out. They never re-parse the witness or re-run a conversion of the text."""
