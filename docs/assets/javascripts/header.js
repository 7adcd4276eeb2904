/* The header's buttons, in the GOV.UK way: the menu (the drawer below 1220 px), search (an
   overlay below 960 px) and the list of languages. Each button says whether its panel is open
   (aria-expanded). Pressing it opens the panel and moves focus into it; Escape closes it and
   puts focus back on the button; moving focus out of the menu or the search overlay closes it.
   Closed panels are out of the Tab order (site.css hides them).

   The menu and search are Material's own: their state is Material's checkboxes #__drawer and
   #__search, which its stylesheet and its script (loaded at the reader's first action, see
   overrides/partials/site/material-on-first-use.html) both follow. These buttons change them the
   way Material does (a click, which sends a change event), so they work before, while and after
   Material's script loads. Without JavaScript the menu button is a link to the menu instead, and
   the list of languages opens as Material's does (see overrides/partials/header.html). */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var menuButton = document.querySelector("[data-site-menu-button]");
  var menu = document.getElementById("site-navigation");
  var searchButton = document.querySelector("[data-site-search-button]");
  var searchBox = document.getElementById("site-search");
  var query = document.querySelector("[data-md-component=search-query]");
  var languagesButton = document.querySelector("[data-site-languages-button]");
  var languages = document.getElementById("site-languages");
  // The widths at which Material shows the menu as a drawer and search as an overlay.
  var drawerWidth = matchMedia("(max-width: 76.234375em)");
  var overlayWidth = matchMedia("(max-width: 59.984375em)");

  function menuIsOpen() { return !!drawer && drawer.checked && drawerWidth.matches; }
  function searchIsOpen() { return !!search && search.checked; }

  // Open or close Material's panel as Material does: a click on its checkbox.
  function set(toggle, open) {
    if (toggle && toggle.checked !== open) toggle.click();
  }

  // The buttons follow the checkboxes, whoever changes them (these buttons, Material's script,
  // a click on the page's shaded overlay).
  function update() {
    if (menuButton) menuButton.setAttribute("aria-expanded", String(!!drawer && drawer.checked));
    if (searchButton) searchButton.setAttribute("aria-expanded", String(searchIsOpen()));
  }
  [drawer, search].forEach(function (toggle) {
    if (toggle) toggle.addEventListener("change", update);
  });

  function firstLink(panel) {
    return panel.querySelector(".md-nav__list a[href]");
  }

  if (menuButton && menu && drawer) {
    menuButton.addEventListener("click", function () {
      var open = !drawer.checked;
      set(drawer, open);
      if (open && firstLink(menu)) firstLink(menu).focus();
    });
    // Following a link in the menu closes it (Material does so too once it has loaded).
    menu.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a[href]") && menuIsOpen()) set(drawer, false);
    });
    // Tab or Shift+Tab out of the open menu closes it; focus goes where the reader moved it.
    menu.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (next && !menu.contains(next) && next !== menuButton && menuIsOpen()) set(drawer, false);
    });
  }

  if (searchButton && search && query) {
    searchButton.addEventListener("click", function () {
      set(search, true);
      query.focus();
    });
  }
  if (searchBox && search) {
    // The shade over the page and, on a phone, the arrow in the search box close search.
    searchBox.querySelectorAll("[data-site-search-close]").forEach(function (closer) {
      closer.addEventListener("click", function () {
        set(search, false);
        if (searchButton && overlayWidth.matches) searchButton.focus();
      });
    });
    searchBox.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (next && !searchBox.contains(next) && overlayWidth.matches && searchIsOpen()) set(search, false);
    });
  }

  // The list of languages: a disclosure. It is closed (hidden) in the page as built.
  function setLanguages(open) {
    if (!languagesButton || !languages) return;
    languages.hidden = !open;
    languagesButton.setAttribute("aria-expanded", String(open));
  }
  if (languagesButton && languages) {
    languagesButton.addEventListener("click", function () {
      var open = languages.hidden;
      setLanguages(open);
    });
    var select = languagesButton.parentElement;
    select.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !select.contains(event.relatedTarget)) setLanguages(false);
    });
    document.addEventListener("click", function (event) {
      if (!languages.hidden && !select.contains(event.target)) setLanguages(false);
    });
  }

  // Keys. This listens on the document, so it runs before Material's own handler (on the
  // window): what it closes, Material no longer sees open.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      if (languages && !languages.hidden) {
        setLanguages(false);
        languagesButton.focus();
      } else if (searchIsOpen()) {
        var fromOverlay = overlayWidth.matches;
        set(search, false);
        // On a narrow screen back to the search button; on a wide one the search box stays in
        // the header, and keeps the focus.
        if (fromOverlay && searchButton) searchButton.focus();
      } else if (menuIsOpen()) {
        set(drawer, false);
        if (menuButton) menuButton.focus();
      } else {
        return;
      }
      event.preventDefault();
      return;
    }
    // Material's keys for search ("/", "s", "f" outside a form field) put the focus in the search
    // box. On a narrow screen the box is in the closed overlay, which cannot take focus: open it
    // and focus the box here (Material's script, once loaded, then finds search open and the
    // focus in the box, and leaves both as they are).
    var target = event.target || {};
    if (/^[/sf]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey &&
        !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && !target.isContentEditable &&
        overlayWidth.matches && search && query && !search.checked) {
      set(search, true);
      query.focus();
      query.select();
      event.preventDefault();
    }
  });

  update();
})();
