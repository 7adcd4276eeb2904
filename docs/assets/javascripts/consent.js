/* The site's cookie consent, on top of the vendored vanilla-cookieconsent 3.1.0.
   Settings come from the cookie registry (docs/_data/cookies.yml) through hooks/consent.py, as
   JSON in the page. The first layer is the site's own GOV.UK-style banner
   (overrides/partials/site/cookie-banner.html); the library keeps the consent record (one cookie,
   11 months) and provides the settings dialog. The library (15 kB) is downloaded only when it is
   needed: when the reader has a consent record already, or uses a cookie button, so that a new
   visitor's first view stays within the page-weight budget. Wrapped in a function: the
   library's UMD file leaks globals, and this file adds none except what the video player reads
   (SiteConsent).
   The consent record is one cookie, host-only (no Domain) with Path = the site's base path, and
   holds only what is read back: the categories and services chosen, the revision, and the two
   dates the library needs; its "consentId" is the cookie's path, which marks a record this site
   wrote in its current form (the library's random id would be an identifier sent with every
   request). Any other record (unreadable, from an older revision or another scope: a parent
   domain, another path) is removed from every scope it may be in, and the reader is asked again,
   once. If the library cannot be downloaded, the cookie buttons lead to the cookies page. */
(function () {
  "use strict";
  var source = document.getElementById("site-consent-config");
  var script = document.currentScript;
  if (!source || !script) return;
  var settings = JSON.parse(source.textContent);
  var LIBRARY = script.src.replace(/javascripts\/consent\.js(\?.*)?$/, "vendor/cookieconsent/cookieconsent");
  var CC = null;
  var started = null;
  var queue = null;
  var banner = document.querySelector("[data-consent-banner]");
  var LEGACY_CATEGORIES = ["functional", "performance", "analytics", "advertisement", "others"];
  var moveFocusToConfirmation = false;
  var listeners = [];
  var COOKIE = settings.cookie.name;
  var PATH = settings.cookie.path;

  // "/^_ga$/" in the registry is a pattern; anything else is an exact name.
  function toPattern(name) {
    if (name.length > 2 && name.charAt(0) === "/" && name.charAt(name.length - 1) === "/") {
      return new RegExp(name.slice(1, -1));
    }
    return name;
  }

  function matches(pattern, name) {
    return pattern instanceof RegExp ? pattern.test(name) : pattern === name;
  }

  // The library's categories, with the registry's cookie names (and patterns) for autoClear.
  function categories() {
    var result = {};
    Object.keys(settings.categories).forEach(function (name) {
      var category = settings.categories[name];
      var copy = { enabled: category.enabled, readOnly: category.readOnly };
      if (category.autoClear) {
        copy.autoClear = { cookies: category.autoClear.cookies.map(function (c) { return { name: toPattern(c.name) }; }) };
      }
      if (category.services) copy.services = category.services;
      result[name] = copy;
    });
    return result;
  }

  // Local and session storage keys of categories that are not accepted are removed
  // (autoClear only knows cookies).
  function clearStorage() {
    Object.keys(settings.storage).forEach(function (category) {
      if (CC.acceptedCategory(category)) return;
      var patterns = settings.storage[category].map(toPattern);
      [window.localStorage, window.sessionStorage].forEach(function (store) {
        try {
          Object.keys(store).forEach(function (key) {
            if (patterns.some(function (p) { return matches(p, key); })) store.removeItem(key);
          });
        } catch (error) { /* storage switched off by the browser: nothing to clear */ }
      });
    });
  }

  // Download the library's stylesheet and script (once).
  function loadLibrary() {
    return new Promise(function (resolve, reject) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = LIBRARY + ".css";
      // Before the site's stylesheets, so that consent.css's fixes to it still apply.
      document.head.insertBefore(style, document.querySelector("link[rel=stylesheet]"));
      var code = document.createElement("script");
      code.src = LIBRARY + ".umd.js";
      code.onload = resolve;
      code.onerror = reject;
      document.head.appendChild(code);
    });
  }

  // The consent manager, started once; then `action` runs with it, after every action asked
  // for before it, so that a choice made while the library downloads is recorded before
  // anything reads it (a reader who accepts and presses "Play video" straight away).
  function withLibrary(action) {
    if (!started) {
      started = loadLibrary().then(function () {
        CC = window.CookieConsent;
        return CC.run(configuration());
      });
      started.catch(libraryUnavailable);
      queue = started;
    }
    var result = queue.then(function () { return started; }).then(action).then(function (value) {
      compactRecord();
      return value;
    });
    queue = result.catch(function () {});  // one failed action does not stop the ones after it
    return result;
  }

  // A cookie button's action: with the library, or, when it cannot be downloaded, the cookies
  // page (which explains), as if the button were a link to it.
  function withLibraryOrCookiesPage(action) {
    withLibrary(action).catch(function () {
      if (!CC && location.pathname !== settings.cookiesPage) location.assign(settings.cookiesPage);
    });
  }

  // The library could not be downloaded (or started): nothing optional runs; the cookies page
  // says why there is no settings button.
  function libraryUnavailable() {
    CC = null;
    document.querySelectorAll("[data-consent-settings]").forEach(function (element) { element.hidden = true; });
    document.querySelectorAll("[data-consent-unavailable]").forEach(function (element) { element.hidden = false; });
    root.setAttribute("data-site-consent", "unavailable");
  }

  // The values of every cookie called `name` that this page receives (one per scope holding one;
  // the most specific path first).
  function cookieValues(name) {
    return document.cookie.split(/;\s*/).filter(function (c) { return c.indexOf(name + "=") === 0; })
      .map(function (c) { return c.slice(name.length + 1); });
  }

  function parseRecord(value) {
    try { return JSON.parse(decodeURIComponent(value)); } catch (error) { return null; }
  }

  function listOfNames(value) {
    return Array.isArray(value) && value.every(function (item) { return typeof item === "string"; });
  }

  // A record as this site writes it today: readable, the current revision, categories and
  // services as lists of names, and marked with this site's cookie path.
  function isCurrent(record) {
    if (!record || typeof record !== "object" || Array.isArray(record)) return false;
    if (record.revision !== settings.revision || record.consentId !== PATH || !listOfNames(record.categories)) return false;
    if (typeof record.consentTimestamp !== "string" || typeof record.lastConsentTimestamp !== "string") return false;
    var services = record.services;
    if (!services || typeof services !== "object" || Array.isArray(services)) return false;
    return Object.keys(services).every(function (key) { return listOfNames(services[key]); });
  }

  // The Domain attributes a cookie this page receives may have been set with: none (host-only),
  // the host and each parent domain, with and without a leading dot.
  function cookieDomains() {
    var domains = [""], labels = location.hostname.split(".");
    for (var j = 0; j < labels.length - 1; j++) {
      domains.push("; domain=" + labels.slice(j).join("."), "; domain=." + labels.slice(j).join("."));
    }
    return domains;
  }

  // The paths and domains a cookie this page receives may have been set with.
  function scopes() {
    var paths = ["/"], parts = location.pathname.split("/"), path = "";
    for (var i = 1; i < parts.length; i++) {
      if (!parts[i]) continue;
      path += "/" + parts[i];
      paths.push(path, path + "/");
    }
    var domains = cookieDomains(), result = [];
    paths.forEach(function (p) { domains.forEach(function (d) { result.push({ path: p, domain: d }); }); });
    return result;
  }

  // Remove a cookie from every scope it may be in; with `keepOwn`, not from the site's own scope.
  function eraseEverywhere(name, keepOwn) {
    scopes().forEach(function (scope) {
      if (keepOwn && scope.domain === "" && scope.path === PATH) return;
      document.cookie = name + "=; path=" + scope.path + scope.domain + "; expires=Thu, 01 Jan 1970 00:00:00 GMT";
    });
  }

  // Before the library reads it: the reader's record is the site's, in its current form, or it
  // is removed wherever it is (records in other scopes beside the site's own are removed too).
  // Returns whether a current record is left.
  function checkRecord() {
    var values = cookieValues(COOKIE);
    if (!values.length) return false;
    if (isCurrent(parseRecord(values[0]))) {
      if (values.length > 1) eraseEverywhere(COOKIE, true);
      return true;
    }
    eraseEverywhere(COOKIE, false);
    return false;
  }

  function day(timestamp) {
    return typeof timestamp === "string" ? timestamp.slice(0, 10) : timestamp;
  }

  // After the library wrote the record: keep only what is read back, in the site's own scope.
  function compactRecord() {
    var record = parseRecord(cookieValues(COOKIE)[0] || "");
    if (!record || typeof record.expirationTime !== "number") return;  // none, or compact already
    var services = {};
    Object.keys(record.services || {}).forEach(function (key) {
      if (record.services[key].length) services[key] = record.services[key];
    });
    var compact = { categories: record.categories, revision: record.revision, consentId: PATH,
                    consentTimestamp: day(record.consentTimestamp),
                    lastConsentTimestamp: day(record.lastConsentTimestamp || record.consentTimestamp),
                    services: services };
    document.cookie = COOKIE + "=" + encodeURIComponent(JSON.stringify(compact)) + "; path=" + PATH +
      "; expires=" + new Date(record.expirationTime).toUTCString() + "; SameSite=Lax" +
      (location.protocol === "https:" ? "; Secure" : "");
  }

  function readCookie(name) {
    var match = document.cookie.match("(?:^|;)\\s*" + name.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&") + "=([^;]*)");
    return match ? decodeURIComponent(match[1]) : null;
  }

  // Remove a cookie whichever domain the old site set it for (the host or a parent domain).
  function eraseCookie(name) {
    cookieDomains().forEach(function (domain) {
      document.cookie = name + "=; path=/" + domain + "; expires=Thu, 01 Jan 1970 00:00:00 GMT";
    });
  }

  // The old site's consent plugin (CookieLawInfo): its refusals are honoured, its acceptances
  // only carried over when mkdocs.yml says so (extra.consent.carry_legacy_acceptances), and its
  // cookies are removed. Returns the confirmation to show: "migrated" when the old choice was
  // kept as it was, "migrated_not_kept" when acceptances were left off, "" when nothing was taken.
  function migrateLegacyChoice() {
    var names = document.cookie.split(/;\s*/).map(function (c) { return c.split("=")[0]; })
      .filter(function (n) { return n === "viewed_cookie_policy" || n === "CookieLawInfoConsent" || n.indexOf("cookielawinfo-checkbox-") === 0; });
    if (!names.length) return "";
    var viewed = readCookie("viewed_cookie_policy");
    var acceptedThere = viewed === "yes" ? LEGACY_CATEGORIES.filter(function (c) { return readCookie("cookielawinfo-checkbox-" + c) === "yes"; }) : [];
    var accepted = settings.legacy.carryAcceptances ? acceptedThere : [];
    names.forEach(eraseCookie);
    if (viewed === null || CC.validConsent()) return "";
    CC.acceptCategory(accepted);
    compactRecord();
    return accepted.length < acceptedThere.length ? "migrated_not_kept" : "migrated";
  }

  // The confirmation replaces the question; it takes focus when the reader chose in the banner
  // or in the settings opened from it.
  function confirm(kind, takeFocus) {
    if (!banner || banner.hidden) return;
    var box = banner.querySelector("[data-consent-confirmation]");
    var message = box.querySelector("[data-consent-message]");
    var text = settings.messages[kind];
    var start = text.indexOf("["), end = text.indexOf("]");
    message.textContent = "";
    if (start >= 0 && end > start) {
      // "change your cookie settings" opens the settings dialog (a button, not a link: see
      // cookie-banner.html).
      var button = document.createElement("button");
      button.type = "button";
      button.className = "site-link-button site-link-button--inline";
      button.setAttribute("aria-haspopup", "dialog");
      button.textContent = text.slice(start + 1, end);
      button.addEventListener("click", function () { withLibraryOrCookiesPage(function () { CC.showPreferences(); }); });
      message.append(text.slice(0, start), button, text.slice(end + 1));
    } else {
      message.textContent = text;
    }
    banner.querySelector("[data-consent-question]").hidden = true;
    box.hidden = false;
    if (takeFocus) setTimeout(function () { box.focus(); }, 0);
  }

  function kindOfChoice() {
    var type = CC.getUserPreferences().acceptType;
    return type === "all" ? "accepted" : type === "necessary" ? "rejected" : "saved";
  }

  function onChoice() {
    compactRecord();
    confirm(kindOfChoice(), moveFocusToConfirmation);
    moveFocusToConfirmation = false;
    clearStorage();
    listeners.forEach(function (listener) { listener(); });
  }

  function wireBanner() {
    if (!banner) return;
    banner.querySelector("[data-consent-accept]").addEventListener("click", function () {
      moveFocusToConfirmation = true;
      withLibraryOrCookiesPage(function () { CC.acceptCategory("all"); });
    });
    banner.querySelector("[data-consent-reject]").addEventListener("click", function () {
      moveFocusToConfirmation = true;
      withLibraryOrCookiesPage(function () { CC.acceptCategory([]); });
    });
    banner.querySelector("[data-consent-choose]").addEventListener("click", function () {
      moveFocusToConfirmation = true;
      withLibraryOrCookiesPage(function () { CC.showPreferences(); });
    });
    // Hidden, the banner can no longer hold the focus: it moves to what comes next in the page,
    // the skip link (else the page's main heading).
    banner.querySelector("[data-consent-hide]").addEventListener("click", function () {
      banner.hidden = true;
      var next = document.querySelector(".site-skip-link") || document.querySelector("main h1");
      if (!next) return;
      if (!next.matches("a[href], button")) next.setAttribute("tabindex", "-1");
      next.focus();
    });
  }

  // The library's settings dialog, when it opens, puts the focus on an empty element of its own
  // (no size, so no visible focus, and nothing for a screen reader to say): the focus goes to
  // the dialog's first control instead (its close button), from where Tab and Shift+Tab stay in
  // the dialog.
  document.addEventListener("focusin", function (event) {
    var catcher = event.target;
    if (!catcher.matches || !catcher.matches("#cc-main .pm > div[tabindex='-1']:empty")) return;
    var first = catcher.parentElement.querySelector("button, [href], input:not([disabled])");
    if (first) first.focus();
  });

  // Every "Cookie settings" link or button opens the settings dialog (the link still leads to
  // the cookies page without JavaScript).
  function wireSettingsLinks() {
    document.querySelectorAll("[data-consent-open]").forEach(function (element) {
      element.setAttribute("aria-haspopup", "dialog");
      element.addEventListener("click", function (event) {
        event.preventDefault();
        moveFocusToConfirmation = false;
        withLibraryOrCookiesPage(function () { CC.showPreferences(); });
      });
    });
    document.querySelectorAll("[data-consent-settings]").forEach(function (element) { element.hidden = false; });
  }

  // The library's settings: the dialog's text, per category with its table, from the registry.
  function configuration() {
    var translation = {};
    translation[settings.language] = { preferencesModal: settings.modal };
    return {
      autoShow: false,               // the site's own banner is the first layer
      hideFromBots: false,           // otherwise browser tests would see no consent manager at all
      disablePageInteraction: false,
      mode: "opt-in",
      revision: settings.revision,
      // domain "": host-only (the library would otherwise set Domain to the host name, which also
      // sends the cookie to every subdomain).
      cookie: { name: COOKIE, path: PATH, domain: "", expiresAfterDays: settings.cookie.expiresAfterDays, sameSite: "Lax" },
      guiOptions: { preferencesModal: { layout: "box", equalWeightButtons: true, flipButtons: false } },
      categories: categories(),
      language: { default: settings.language, rtl: settings.rtl ? settings.language : [], translations: translation },
      onFirstConsent: onChoice,
      onChange: onChoice,
      onModalHide: compactRecord  // (saving unchanged choices rewrites the record without onChange)
    };
  }

  var root = document.documentElement;
  wireBanner();
  wireSettingsLinks();
  // Whether the reader has a consent record (the site's, or the old site's cookies) was found
  // out in <head> (overrides/main.html), which marks everyone else "site-consent-needed".
  // When it knows, <html data-site-consent> says which: "checked" (a returning reader's record
  // was read, and the banner shown if it needs renewing) or "asked" (a new visitor, or a reader
  // whose record was not the site's current one and has been removed).
  var hasLegacy = /(?:^|;\s*)(?:viewed_cookie_policy|CookieLawInfoConsent|cookielawinfo-checkbox-)/.test(document.cookie);
  var returning = !root.classList.contains("site-consent-needed") && (checkRecord() || hasLegacy);
  if (returning) {
    // A returning reader: the library reads the record; the old site's choice is taken over.
    withLibrary(function () {
      var migrated = migrateLegacyChoice();
      listeners.forEach(function (listener) { listener(); });
      if (!CC.validConsent() || migrated) {
        if (banner) banner.hidden = false;
        if (migrated) confirm(migrated, false);
      }
      root.setAttribute("data-site-consent", "checked");
    });
  } else {
    if (banner) banner.hidden = false;  // a new visitor: nothing is downloaded until they choose
    root.setAttribute("data-site-consent", "asked");
  }
  // The banner was shown from <head> for a new visitor; from here on its `hidden` attribute decides.
  root.classList.remove("site-consent-needed");

  // The category a service is listed under (cookies.yml).
  function categoryOf(service) {
    return Object.keys(settings.categories).filter(function (name) {
      return (settings.categories[name].services || {})[service];
    })[0];
  }

  // For the video player: has the reader accepted a service, and tell me when choices change.
  window.SiteConsent = {
    accepted: function (service) { return !!CC && CC.validConsent() && CC.acceptedService(service, categoryOf(service)); },
    // `action` runs once the choices the reader has made are recorded: at once, or when the
    // library has downloaded (a reader who accepts and presses "Play video" straight away).
    afterChoices: function (action) { if (queue) queue.then(action); else action(); },
    accept: function (service) { return withLibrary(function () { CC.acceptService(service, categoryOf(service)); }); },
    onChange: function (listener) { listeners.push(listener); }
  };
})();
