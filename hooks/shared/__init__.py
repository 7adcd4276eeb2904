"""Code the site's hooks share. Not a hook: MkDocs never loads it from mkdocs.yml.

Each hook in hooks/ imports what it needs from here (`from shared.languages import …`) and never
from another hook: MkDocs loads every hook as a module of its own, so a hook imported by another
would be a second copy with its own state.

- timeline.py     the order of the build's events, and the priorities every hook uses
- internals.py    every place the site relies on the inside of MkDocs, Material, mkdocs-static-i18n
                  or mkdocs-print-site-plugin (each has a canary test)
- languages.py    the site's languages, the language being built, translation file names
- strings.py      the interface strings (docs/_data/strings) and YAML reading with line numbers
- front_matter.py the front matter at the top of a Markdown page
- markup.py       the one way to change Material's finished HTML: exactly once, or the build stops
- templates.py    HTML made from the site's own template files (overrides/partials/site/)
- printable.py    facts about the print pages and PDFs that several hooks need
- pdf_render.py   rendering one PDF with WeasyPrint, in a worker process
- pdf_structure.py what the PDFs' structure tree needs beyond WeasyPrint's own (worker processes only)
"""
