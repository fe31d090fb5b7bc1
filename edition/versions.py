"""The versions of the site (简 · 繁 · English …) and everything that differs between them.

A :class:`Version` is the only place that knows what a version shows: which script its
Chinese text is in, which language its interface and notes are in, its language tags and
where it lives. Renderers ask the version; they never branch on its code. The versions
themselves are declared once, in ``mkdocs.yml`` (``plugins: edition: versions:``), and
validated by :mod:`edition.plugin.config`; a :class:`Registry` holds them in order, the root
version first.

Adding a version is an entry in that list and a block of labels in ``i18n/ui.yaml``; for
example a Hong Kong Traditional version::

    - code: zh-HK
      path: zh-hk/
      language: zh
      opencc: s2hk
      theme_language: zh-Hant
      locale: zh_HK
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .convert import convert, convert_prose, unmark
from .model import Edition, Note, Paragraph, Sic, Term


@lru_cache(maxsize=4096)
def _converted(text: str, config: str) -> str:
    out = convert(text, config)
    if len(out) != len(text):
        raise ValueError(f"OpenCC {config} changed the length of {text[:20]!r}…; character alignment is lost")
    return out


@dataclass(frozen=True)
class Version:
    code: str                 # BCP 47 tag of the version: zh-Hans, zh-Hant, en, zh-HK …
    path: str                 # its folder below the site root: "" for the root version, else "zh-hant/"
    language: str             # "zh" or "en": the language of its interface and notes, and the text shown first
    opencc: str | None        # OpenCC config from the Simplified reading text to its Chinese script; None: Simplified
    theme_language: str       # Material's interface language
    locale: str               # og:locale, e.g. zh_CN

    @property
    def english(self) -> bool:
        return self.language == "en"

    # --- language tags -------------------------------------------------------------
    @property
    def chinese_lang(self) -> str:
        """The language tag of the Chinese text as this version shows it."""
        if self.english:
            return "zh-Hans"
        return self.code

    @property
    def note_lang(self) -> str:
        """The language tag of editors' notes and interface text in this version."""
        return "en" if self.english else self.chinese_lang

    @property
    def content_source(self) -> str:
        """Which written-out prose (content/NAME.SOURCE.md) this version is made from."""
        return "en" if self.english else "zh-Hans"

    # --- text -------------------------------------------------------------------------
    def chinese(self, simplified: str) -> str:
        """Simplified reading text (or a piece of it) in this version's script, character-aligned."""
        return _converted(simplified, self.opencc) if self.opencc else simplified

    def text(self, p: Paragraph) -> str:
        """The paragraph's Chinese text as this version shows it."""
        return self.chinese(p.simplified)

    def prose(self, marked: str) -> str:
        """Editors' Chinese prose (⟦…⟧ marks characters quoted as characters) in this version's script."""
        if not self.opencc:
            return unmark(marked)
        config = self.opencc
        return convert_prose(marked, lambda text: convert(text, config))

    def note(self, n: Note) -> str:
        """An editors' note in this version's language and script."""
        if self.english:
            return n.en
        return self.prose(n.zh_marked) if n.zh_marked else self.chinese(n.zh_hans)

    def suggestion(self, s: Sic) -> str:
        """The suggested correction of an author's slip, in this version's script."""
        return self.chinese(s.suggestion)

    def title(self, edition: Edition) -> str:
        """The (supplied) title in this version's own language."""
        return edition.title_en if self.english else self.chinese(edition.title_zh)

    def chinese_title(self, edition: Edition) -> str:
        return self.chinese(edition.title_zh)

    def term(self, t: Term) -> str:
        """A glossary term's Chinese form in this version's script."""
        return self.chinese(t.zh_hans)

    def term_name(self, t: Term) -> str:
        """How this version names a term: its English rendering, or its Chinese form."""
        return t.en if self.english else self.term(t)

    # --- addresses ----------------------------------------------------------------------
    @property
    def depth(self) -> int:
        return self.path.count("/")

    def root_from(self, other: Version) -> str:
        """Relative path from ``other``'s root to this version's root (en → zh-Hans: '../')."""
        return "../" * other.depth + self.path


@dataclass(frozen=True)
class Registry:
    """The site's versions in order; the first lives at the site root."""
    versions: tuple[Version, ...]

    def __post_init__(self) -> None:
        if not self.versions or self.versions[0].path:
            raise ValueError("the first version must live at the site root (path '')")

    def __iter__(self) -> Iterator[Version]:
        return iter(self.versions)

    def __len__(self) -> int:
        return len(self.versions)

    def __getitem__(self, code: str) -> Version:
        for v in self.versions:
            if v.code == code:
                return v
        raise KeyError(code)

    @property
    def root(self) -> Version:
        return self.versions[0]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(v.code for v in self.versions)

