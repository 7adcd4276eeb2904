/* Consent-gated YouTube videos (markup from hooks/video.py). Before the reader agrees to
   YouTube (Google)'s cookies nothing is fetched from Google: no player, no thumbnail, no
   preconnect, not on hover or focus. "Play video" asks first (or plays at once when the reader
   has already allowed YouTube); the player comes from youtube-nocookie.com, is named by its
   title attribute, and takes focus. Withdrawing consent puts the placeholder back. */
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
    iframe.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    iframe.setAttribute("allowfullscreen", "");
    iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
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
      if (consent.accepted("youtube", "functional")) return load(figure);
      ask.hidden = false;
      ask.focus();
    });
    figure.querySelector("[data-video-allow]").addEventListener("click", function () {
      ask.hidden = true;
      consent.accept("youtube", "functional");
      load(figure);
    });
    figure.querySelector("[data-video-cancel]").addEventListener("click", function () {
      ask.hidden = true;
      play.focus();
    });
  });

  consent.onChange(function () {
    if (consent.accepted("youtube", "functional")) return;
    videos.forEach(unload);
  });
})();
