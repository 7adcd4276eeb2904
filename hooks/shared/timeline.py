"""The build's timeline: every event the site's hooks use, in the order MkDocs runs them, the
priority each hook runs at, and what a hook may assume at that point. This module is the only
place priorities are defined; hooks write `@event_priority(timeline.NAME)`.

Within one event MkDocs runs the handlers from the highest priority to the lowest; at the same
priority the plugins of mkdocs.yml come first (search, i18n, print-site), then the hooks in the
order mkdocs.yml lists them. A handler without `@event_priority` runs at 0 (DEFAULT).

    on_startup                      once per `mkdocs build` or `mkdocs serve` (pdf: which of the two)
    ┌ one pass per language: English first, then each other language inside static-i18n's
    │ own on_post_build (it calls MkDocs' build() again for each of them)
    │ on_config        +100 BEFORE_PRINT_SITE   print_page: each language's print page address
    │                     0                     print-site reads its options; consent, pdf, …
    │                  -100 static-i18n          sets the language's site_name, theme language
    │ on_pre_build        0                     the language of this pass is known (on_config)
    │ on_files         -100 static-i18n          keeps this language's files, pairs alternates
    │                  -150 AFTER_I18N_FILES     translations, search_per_language, video: the
    │                                           files of this language (English fallbacks too)
    │ on_nav           -100 static-i18n          translates the navigation
    │ on_env              0                     template globals (t, lang_root, consent …)
    │                  -200 AFTER_GLOBALS        print_page: every global is in place
    │ per page:
    │   on_page_markdown  +50 static-i18n        admonition titles
    │                       0                   translations, consent, pdf, video (mkdocs.yml
    │                                           order: notices first, then markers and videos)
    │   on_page_content     0 print-site         keeps the page's HTML for the print page
    │                   -1000 FINISHED_CONTENT   print_page: hands print-site the finished HTML
    │   on_page_context   +50 static-i18n        the language switcher's links (extra.alternate)
    │   on_post_page        0                   alternates, translations, search, print_page
    │ on_post_template    0                     404.html, sitemap.xml
    │                   -1000 LAST_EDIT          not_found: the English 404 page, every edit made
    │ on_post_build     +50 BEFORE_PRINT_PAGE    print_page: the language switcher of the print page
    │                     0 print-site           writes this language's print page
    │                   -50 PRINT_PAGE_WRITTEN   print_page: completes that print page
    │                   -60 LANGUAGE_BUILT       pdf: starts rendering this language's PDFs
    │                  -100 static-i18n          builds the next language (nested passes) and,
    │                                           after the last, merges the search indexes
    └                  -200 WHOLE_SITE           only once every language is built
                                                 (languages.all_languages_built): search index
                                                 per language, trimmed CSS, security headers
                       -300 PDFS_READY           pdf: waits for the PDFs and links them (`mkdocs
                                                 serve`: those that changed follow in the background)
    on_serve                                     pdf: keeps the server, to reload the preview then
    on_build_error, on_shutdown                  pdf: stops its worker processes (`mkdocs serve`
                                                 keeps them from one build to the next)

mkdocs-print-site-plugin renders its print page in its own on_post_build, in a Jinja environment
of its own (print_page.py gives it the site's template globals) with the template context of the
last 404.html of that pass.
"""

from __future__ import annotations

DEFAULT = 0

# on_config: before mkdocs-print-site-plugin's on_config (0) reads print_page_basename and title.
BEFORE_PRINT_SITE = 100

# on_files: after mkdocs-static-i18n's on_files (-100) has chosen this language's files.
AFTER_I18N_FILES = -150

# on_env: after every other hook has added its template globals for this language.
AFTER_GLOBALS = -200

# on_page_content: after every other change to the page's HTML.
FINISHED_CONTENT = -1000

# on_post_template: after every other hook has edited the template's output.
LAST_EDIT = -1000

# on_post_build: before print-site (0) renders this language's print page.
BEFORE_PRINT_PAGE = 50

# on_post_build: after print-site (0) wrote this language's print page, before static-i18n
# (-100) builds the next language.
PRINT_PAGE_WRITTEN = -50
# on_post_build: every page of this language is written, its print page completed.
LANGUAGE_BUILT = -60

# on_post_build: after static-i18n (-100) built every language; acts on the last call only.
WHOLE_SITE = -200

# on_post_build: the very last step; the other whole-site steps run while the PDFs render.
PDFS_READY = -300
