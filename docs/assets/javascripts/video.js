/* Consent-gated YouTube videos (markup from hooks/video.py). Before the reader agrees to
   YouTube (Google)'s cookies (the "youtube" service of docs/_data/cookies.yml, in whichever
   category it is listed) nothing is fetched from Google: no player, no thumbnail, no
   preconnect, not on hover or focus. "Play video" asks first (or plays at once when the reader
   has already allowed YouTube); the player comes from youtube-nocookie.com, is named by its
   title attribute, and takes focus. Withdrawing consent puts the placeholder back.
   Why a small facade of the site's own rather than vendored iframemanager 1.3.0: iframemanager
   would need three fixes to meet the issue (buttons naming the video, focus after loading, no
   remote thumbnails) and a second consent store beside vanilla-cookieconsent; here the
   placeholder is rendered at build time (so it works without JavaScript and in print), the
   consent is the one record of the cookie registry's "youtube" service, and this file is
   ~60 lines (0.9 kB gzipped) against iframemanager's 5 kB. */
(function () {
  "use strict";
  var consent = window.SiteConsent;
  var videos = document.querySelectorAll("[data-video-id]");
  if (!consent || !videos.length) return;

  function load(figure) {
    var frame = figure.querySelector("[data-video-frame]");
    var placeholder = figure.querySelector("[data-video-placeholder]");
    var iframe = document.createElement("iframe");
    iframe.src = "https://www.youtube-nocookie.com/embed/" + encodeURIComponent(figure.getAttribute("data-video-id")) + "?autoplay=1&rel=0";
    iframe.title = figure.getAttribute("data-video-frame-title");
    iframe.className = "site-video__player";
    // Fullscreen through `allow` alone: with `allowfullscreen` beside it the browser warns that
    // `allow` takes precedence.
    iframe.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    // Material's tooltips (content.tooltips) move the title of every [title] element into a tooltip
    // when its script starts, which on a slow connection can be after the player is in: the player
    // would lose its name. They leave out elements marked data-preview (on links it means an
    // instant preview; on anything else Material does nothing with it).
    iframe.setAttribute("data-preview", "");
    placeholder.hidden = true;
    frame.appendChild(iframe);
    iframe.focus();
  }

  // Back to the placeholder when the reader withdraws consent for YouTube.
  function unload(figure) {
    var iframe = figure.querySelector("iframe");
    if (!iframe) return;
    iframe.remove();
    figure.querySelector("[data-video-placeholder]").hidden = false;
  }

  videos.forEach(function (figure) {
    var play = figure.querySelector("[data-video-play]");
    var ask = figure.querySelector("[data-video-ask]");
    play.hidden = false;
    play.addEventListener("click", function () {
      consent.afterChoices(function () {
        if (consent.accepted("youtube")) return load(figure);
        ask.hidden = false;
        ask.focus();
      });
    });
    figure.querySelector("[data-video-allow]").addEventListener("click", function () {
      ask.hidden = true;
      consent.accept("youtube");
      load(figure);
    });
    figure.querySelector("[data-video-cancel]").addEventListener("click", function () {
      ask.hidden = true;
      play.focus();
    });
  });

  consent.onChange(function () {
    if (consent.accepted("youtube")) return;
    videos.forEach(unload);
  });
})();
