"""The edition pipeline: witness -> parse -> establish -> convert -> one typed Edition.

Each stage is a small module of pure functions; ``edition.build`` wires them together.
"""
