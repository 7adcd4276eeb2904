"""A PyMarkdown rule of the site's: a link must have text (screen readers announce the link by
it; a link like [](cookies.md) is an empty, unnamed link on the page)."""

from pymarkdown.plugin_manager.plugin_details import PluginDetailsV2
from pymarkdown.plugin_manager.plugin_scan_context import PluginScanContext
from pymarkdown.plugin_manager.rule_plugin import RulePlugin
from pymarkdown.tokens.markdown_token import MarkdownToken


class RuleSte001(RulePlugin):
    def get_details(self) -> PluginDetailsV2:
        return PluginDetailsV2(
            plugin_name="link-has-text",
            plugin_id="STE001",
            plugin_enabled_by_default=True,
            plugin_description="A link has text",
            plugin_version="0.1.0",
            plugin_url="https://github.com/",
            plugin_configuration=None,
        )

    def next_token(self, context: PluginScanContext, token: MarkdownToken) -> None:
        if token.is_inline_link and not getattr(token, "text_from_blocks", "x").strip():
            self.report_next_token_error(context, token)
