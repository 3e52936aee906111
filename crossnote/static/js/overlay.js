/* The RedNote shape (issue 20), as progressive enhancement over plain links and forms:
   - a note tapped in a card grid opens in a dialog over the grid: the note page's own article is
     loaded (htmx, so its like, save, comment and translate controls work as on the page), the
     address becomes the note's, Back / Escape / × close it and the grid is where it was, the focus
     stays inside while it is open and goes back to the card after;
   - double-tapping a note's photo likes it (never unlikes) with a heart where the finger was. */
(function () {
  "use strict";

  var NOTE_PATH = /^\/notes\/\d+\/$/;
  var dialog = null, body = null;
  var state = null; // {path, opener, scroll, title, pushed} while a note is open

  function focusables(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll("a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"),
      function (el) { return el.getClientRects().length > 0 && !el.closest("[inert]"); }
    );
  }

  function open(url, opener, push) {
    var path = new URL(url, location.href).pathname;
    state = { path: path, opener: opener, scroll: window.scrollY, title: document.title };
    if (push) history.pushState({ noteOverlay: url }, "", url);
    body.replaceChildren();
    body.setAttribute("aria-busy", "true");
    document.documentElement.classList.add("overlay-open");
    dialog.showModal();
    dialog.scrollTop = 0;
    var request = state;
    var failed = false;
    function done(e) {
      if (e.detail.elt !== body) return;
      document.removeEventListener("htmx:afterRequest", done);
      failed = !e.detail.successful;
    }
    document.addEventListener("htmx:afterRequest", done);
    window.htmx.ajax("GET", url, { source: body, target: body, select: "article.note-detail", swap: "innerHTML" })
      .then(function () {
        if (state !== request) return; // closed (or another note opened) while it loaded
        body.removeAttribute("aria-busy");
        // Not found, withheld, gone: the page itself says why.
        if (failed || !body.querySelector(".note-detail")) { location.assign(url); return; }
        var title = body.querySelector(".note-title");
        if (title) {
          if (!title.id) title.id = "overlay-title";
          dialog.setAttribute("aria-labelledby", title.id);
        }
      });
  }

  function close() {
    if (!state) return;
    var was = state;
    state = null;
    if (dialog.open) dialog.close();
    body.replaceChildren();
    dialog.removeAttribute("aria-labelledby");
    document.documentElement.classList.remove("overlay-open");
    document.title = was.title;
    window.scrollTo(0, was.scroll);
    if (was.opener && document.contains(was.opener)) was.opener.focus({ preventScroll: true });
  }

  /* Close through history (the note's entry), so Back and × leave the same history. */
  function requestClose() {
    if (!state) return;
    if (history.state && history.state.noteOverlay) history.back();
    else close();
  }

  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var link = e.target.closest && e.target.closest("a.note-card-link");
    if (!link || !dialog || !window.htmx || dialog.contains(link)) return;
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !NOTE_PATH.test(url.pathname)) return;
    e.preventDefault();
    open(url.pathname + url.search, link, true);
  });

  window.addEventListener("popstate", function (e) {
    if (state && location.pathname !== state.path) { close(); return; }
    // Forward again onto a note that was opened over this page.
    if (!state && e.state && e.state.noteOverlay && dialog) open(e.state.noteOverlay, null, false);
  });

  function wire() {
    dialog = document.querySelector("[data-note-overlay]");
    if (!dialog || typeof dialog.showModal !== "function") { dialog = null; return; }
    body = dialog.querySelector("[data-overlay-body]");
    dialog.querySelector("[data-overlay-close]").addEventListener("click", requestClose);
    // Escape: the dialog's own cancel, unless a sheet inside (the save picker) was open: that
    // Escape closes the sheet only (crossnote.js shuts it before the cancel event comes).
    var sheetOpen = false;
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") sheetOpen = !!dialog.querySelector("[data-save-picker][open]");
    }, true);
    dialog.addEventListener("cancel", function (e) {
      e.preventDefault();
      if (sheetOpen || dialog.querySelector("[data-save-picker][open]")) { sheetOpen = false; return; }
      requestClose();
    });
    // A tap on the dimmed page around the dialog closes it too.
    dialog.addEventListener("click", function (e) { if (e.target === dialog) requestClose(); });
    // Tab and Shift+Tab go round inside the open dialog.
    dialog.addEventListener("keydown", function (e) {
      if (e.key !== "Tab") return;
      var items = focusables(dialog);
      if (!items.length) return;
      var first = items[0], last = items[items.length - 1];
      var inside = dialog.contains(document.activeElement) && document.activeElement !== dialog;
      if (e.shiftKey && (document.activeElement === first || !inside)) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && (document.activeElement === last || !inside)) { e.preventDefault(); first.focus(); }
    });
    dialog.addEventListener("close", function () { if (state) requestClose(); });
  }

  /* ---- double-tap to like ------------------------------------------------------------------ */
  var TAP_MS = 350, TAP_SLOP = 30;
  var down = null, lastTap = null;

  function likeFromPhoto(article, x, y, carousel) {
    var button = article.querySelector("[data-testid=like-button]");
    if (!button) {
      var login = article.querySelector("[data-like-login]");
      if (login) location.assign(login.href);
      return;
    }
    var form = button.closest("form");
    var action = form.querySelector("[name=action]");
    if (action && action.value === "like" && !form.classList.contains("htmx-request")) {
      form.requestSubmit();
    }
    var heart = document.createElement("span");
    heart.className = "tap-heart";
    heart.setAttribute("aria-hidden", "true");
    heart.setAttribute("data-testid", "tap-heart");
    heart.textContent = "♥";
    var box = carousel.getBoundingClientRect();
    heart.style.left = (x - box.left) + "px";
    heart.style.top = (y - box.top) + "px";
    carousel.appendChild(heart);
    var gone = function () { heart.remove(); };
    heart.addEventListener("animationend", gone);
    setTimeout(gone, 1000);
  }

  document.addEventListener("pointerdown", function (e) {
    var track = e.target.closest && e.target.closest(".note-detail .carousel-track");
    down = track && e.isPrimary ? { x: e.clientX, y: e.clientY, track: track } : null;
  });
  document.addEventListener("pointerup", function (e) {
    if (!down || !e.isPrimary) return;
    var moved = Math.abs(e.clientX - down.x) > TAP_SLOP || Math.abs(e.clientY - down.y) > TAP_SLOP;
    var track = down.track;
    down = null;
    if (moved) { lastTap = null; return; } // a swipe between photos
    var now = Date.now();
    if (lastTap && lastTap.track === track && now - lastTap.at < TAP_MS
        && Math.abs(e.clientX - lastTap.x) < TAP_SLOP && Math.abs(e.clientY - lastTap.y) < TAP_SLOP) {
      lastTap = null;
      var article = track.closest(".note-detail");
      if (article) likeFromPhoto(article, e.clientX, e.clientY, track.closest("[data-carousel]") || track.parentNode);
      return;
    }
    lastTap = { at: now, x: e.clientX, y: e.clientY, track: track };
  });
  // A double-click on a photo would select it or the text around it.
  document.addEventListener("dblclick", function (e) {
    if (e.target.closest && e.target.closest(".note-detail .carousel-track")) e.preventDefault();
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
