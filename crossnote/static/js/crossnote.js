/* Crossnote's small page behaviours: masonry layout, carousel, replies (compose: compose.js). */
(function () {
  "use strict";

  /* Masonry: cards go into the shortest column. Heights are known before images load
     (each card's image box has an aspect-ratio from the stored width/height), so nothing jumps. */
  function columnsFor(width) {
    if (width < 560) return 2;
    if (width < 900) return 3;
    if (width < 1200) return 4;
    return 5;
  }

  var seq = 0;

  function layout(grid) {
    var n = columnsFor(grid.clientWidth);
    var cols = Array.prototype.slice.call(grid.querySelectorAll(":scope > .masonry-col"));
    var cards = [];
    if (cols.length !== n) {
      cols.forEach(function (c) {
        cards = cards.concat(Array.prototype.slice.call(c.children));
        c.remove();
      });
      cards.sort(function (a, b) { return a.dataset.seq - b.dataset.seq; });
      cols = [];
      var frag = document.createDocumentFragment();
      for (var i = 0; i < n; i++) {
        var col = document.createElement("div");
        col.className = "masonry-col";
        frag.appendChild(col);
        cols.push(col);
      }
      grid.insertBefore(frag, grid.firstChild);
    }
    Array.prototype.slice.call(grid.querySelectorAll(":scope > [data-card]")).forEach(function (c) {
      c.dataset.seq = seq++;
      cards.push(c);
    });
    grid.classList.add("js");
    cards.forEach(function (card) {
      var shortest = cols.reduce(function (a, b) { return b.offsetHeight < a.offsetHeight ? b : a; });
      shortest.appendChild(card);
    });
    var more = grid.querySelector(":scope > [data-more]");
    if (more) grid.appendChild(more);
  }

  function initMasonry(root) {
    (root || document).querySelectorAll("[data-masonry]").forEach(function (g) { layout(g); });
  }

  /* Carousel: a scroll-snap track (swipe on phones) with buttons, dots and a "2 / 5" count; the
     frame's shape comes from the first photo (notes.templatetags.notes.photo_frame). */
  function initCarousel(c) {
    var track = c.querySelector(".carousel-track");
    var dots = c.querySelectorAll(".dot");
    var count = c.querySelector("[data-count]");
    var total = track.querySelectorAll(".slide").length;
    var prev = c.querySelector("[data-prev]"), next = c.querySelector("[data-next]");
    var shown = 0;
    // To a photo, not by a distance: a tap just after a swipe, while it still snaps, lands right.
    function go(d) {
      var i = Math.round(track.scrollLeft / Math.max(1, track.clientWidth)) + d;
      track.scrollTo({ left: Math.min(total - 1, Math.max(0, i)) * track.clientWidth, behavior: "smooth" });
    }
    function update() {
      var i = Math.min(total - 1, Math.max(0, Math.round(track.scrollLeft / Math.max(1, track.clientWidth))));
      dots.forEach(function (d, k) { d.classList.toggle("on", k === i); });
      if (prev) prev.disabled = i === 0;
      if (next) next.disabled = i === total - 1;
      if (count && i !== shown) count.textContent = (i + 1) + " / " + total;
      shown = i;
    }
    if (prev) prev.addEventListener("click", function () { go(-1); });
    if (next) next.addEventListener("click", function () { go(1); });
    track.addEventListener("scroll", update, { passive: true });
    track.addEventListener("keydown", function (e) {
      if (e.key === "ArrowLeft") { e.preventDefault(); go(-1); }
      if (e.key === "ArrowRight") { e.preventDefault(); go(1); }
    });
    update();
  }

  /* Replies: the Reply link fills the comment form's parent_id. */
  document.addEventListener("click", function (e) {
    var btn = e.target.closest("[data-reply-to]");
    var form = document.querySelector(".comment-form");
    if (btn && form) {
      form.querySelector("[name=parent_id]").value = btn.dataset.replyTo;
      var note = form.querySelector(".replying");
      note.hidden = false;
      note.querySelector("strong").textContent = btn.dataset.replyName;
      form.querySelector("textarea").focus();
    }
    if (e.target.closest("[data-cancel-reply]") && form) {
      form.querySelector("[name=parent_id]").value = "";
      form.querySelector(".replying").hidden = true;
    }
  });

  /* The save picker: opening it puts the default board under the finger (focus), Escape or a
     tap outside closes it, and after a save the star gets the focus back. */
  document.addEventListener("toggle", function (e) {
    var picker = e.target;
    if (!picker.matches || !picker.matches("[data-save-picker]") || !picker.open) return;
    var first = picker.querySelector(".board-choice");
    // The toggle event comes after the tap: if the reader already went into the sheet (typing a
    // new board's name), leave the focus where they put it, or Enter would save elsewhere.
    var inside = picker.querySelector(".save-sheet").contains(document.activeElement);
    if (first && !inside && !picker.querySelector(".field-error")) first.focus();
  }, true);
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var open = document.querySelector("[data-save-picker][open]");
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });
  document.addEventListener("click", function (e) {
    document.querySelectorAll("[data-save-picker][open]").forEach(function (p) {
      if (!p.contains(e.target)) p.open = false;
    });
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    var picker = e.detail.target && e.detail.target.id === "collect" ? document.querySelector("#collect [data-save-picker]") : null;
    if (picker && !picker.open) picker.querySelector("summary").focus();
    if (picker && picker.open) { var input = picker.querySelector("[name=new_board]"); if (input) input.focus(); }
  });

  /* A form the server refused (422) comes back with its errors and the draft kept: show it
     (htmx leaves 4xx answers unswapped by default, which would look like nothing happened). */
  document.addEventListener("htmx:beforeSwap", function (e) {
    if (e.detail.xhr.status === 422) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    initMasonry();
    document.querySelectorAll("[data-carousel]").forEach(initCarousel);
    var timer;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { initMasonry(); }, 150);
    });
  });
  document.addEventListener("htmx:afterSwap", function () { initMasonry(); });
  document.addEventListener("htmx:afterSettle", function () { initMasonry(); });
  /* A note loaded into the page (opened over a grid: overlay.js) gets a working carousel too;
     the page's own carousels were set up on DOMContentLoaded (htmx's first load is the body). */
  document.addEventListener("htmx:load", function (e) {
    var root = e.detail && e.detail.elt;
    if (!root || !root.querySelectorAll || root === document.body) return;
    root.querySelectorAll("[data-carousel]").forEach(initCarousel);
  });
})();

/* Language bridge: original / translated / bilingual views of a note, hiding a translation,
   cards and comments translated one by one or all at once, translations kept when the comments
   are redrawn, a spinner and aria-busy while an engine works, its error shown in place. */
(function () {
  "use strict";
  var MAX_BATCH = 50; // crossnote.language.services.MAX_BATCH

  document.addEventListener("click", function (e) {
    var modeBtn = e.target.closest("[data-mode]");
    if (modeBtn) {
      var box = modeBtn.closest("[data-note-text]");
      if (box) setMode(box, modeBtn.dataset.mode);
    }
    var close = e.target.closest("[data-close-translation]");
    if (close) { close.closest("[data-translation]").remove(); refreshBars(); }
    var pinyin = e.target.closest("[data-pinyin-control]");
    if (pinyin) {
      // Pinyin goes over the original: a translated note shows both side by side.
      var note = pinyin.closest("[data-note-text]");
      if (note && note.classList.contains("mode-translated")) setMode(note, "bilingual");
    }
    var show = e.target.closest("[data-card-show]");
    if (show) showCardTitle(show.closest("[data-card-translate]"), show.dataset.cardShow);
  });

  function setMode(box, mode) {
    box.classList.remove("mode-original", "mode-translated", "mode-bilingual");
    box.classList.add("mode-" + mode);
    box.querySelectorAll("[data-mode]").forEach(function (b) { b.hidden = b.dataset.mode === mode; });
  }

  /* A card's translated title (or its word-by-word glosses) and its original, one at a time. */
  function showCardTitle(control, which) {
    var titles = document.getElementById("card-title-" + control.dataset.cardTranslate);
    [titles, control].forEach(function (box) {
      if (!box) return;
      box.querySelectorAll("[data-card-translated]").forEach(function (t) { t.hidden = which !== "translated"; });
      box.querySelectorAll("h3[data-card-original]").forEach(function (t) {
        t.hidden = which === "translated" && !!box.querySelector("h3[data-card-translated]");
      });
    });
    control.querySelectorAll("[data-card-show]").forEach(function (b) { b.hidden = b.dataset.cardShow === which; });
  }

  function unique(list) {
    return list.filter(function (v, i) { return list.indexOf(v) === i; });
  }
  function pendingCards() {
    var els = document.querySelectorAll("[data-card-translate]:not([data-done])");
    return unique(Array.prototype.map.call(els, function (el) { return el.dataset.cardTranslate; }));
  }
  function translatedComments(root) {
    var els = (root || document).querySelectorAll("[data-comment-translation]");
    return Array.prototype.filter.call(els, function (el) { return el.querySelector("[data-translation]"); });
  }
  function pendingComments() {
    var els = document.querySelectorAll("[data-comment-translation]");
    return Array.prototype.filter.call(els, function (el) { return !el.querySelector("[data-translation]"); })
      .map(function (el) { return el.dataset.commentTranslation; });
  }

  /* "Translate all" shows only while something on the page is still untranslated. */
  function refreshBars() {
    document.querySelectorAll("[data-translate-all-bar]").forEach(function (bar) {
      var left = bar.closest("#comments") ? pendingComments() : pendingCards();
      bar.hidden = left.length === 0;
    });
  }

  document.addEventListener("htmx:configRequest", function (e) {
    var elt = e.detail.elt;
    if (!elt.hasAttribute) return;
    if (elt.hasAttribute("data-translate-all")) e.detail.parameters.ids = pendingCards().slice(0, MAX_BATCH).join(",");
    if (elt.hasAttribute("data-translate-comments")) e.detail.parameters.ids = pendingComments().slice(0, MAX_BATCH).join(",");
  });

  var busy = [];
  function busyRegion(elt) {
    if (elt.hasAttribute("data-translate-comments")) return document.getElementById("comments");
    if (elt.hasAttribute("data-translate-all")) return document.querySelector("[data-masonry]");
    return elt.closest("[data-card], .comment, [data-note-text]");
  }
  document.addEventListener("htmx:beforeRequest", function (e) {
    var elt = e.detail.elt;
    if (!elt.matches || !elt.matches("[data-translate-control]")) return;
    var old = elt.parentNode.querySelector(".translate-error");
    if (old) old.remove();
    elt.setAttribute("aria-busy", "true");
    var region = busyRegion(elt);
    if (region) { region.setAttribute("aria-busy", "true"); busy.push([elt, region]); }
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var elt = e.detail.elt;
    if (!elt.matches || !elt.matches("[data-translate-control]")) return;
    elt.removeAttribute("aria-busy");
    // The button may have been swapped out by now: the region was remembered when it started.
    busy = busy.filter(function (pair) {
      if (pair[0] === elt) pair[1].removeAttribute("aria-busy");
      return pair[0] !== elt;
    });
    setTimeout(refreshBars, 0);
  });
  /* A refused translation (rate limit, no engine, gone) says why next to the button. */
  document.addEventListener("htmx:responseError", function (e) {
    var elt = e.detail.elt;
    if (!elt.matches || !elt.matches("[data-translate-control]")) return;
    var doc = new DOMParser().parseFromString(e.detail.xhr.responseText || "", "text/html");
    var error = document.createElement("span");
    error.className = "translate-error field-error";
    error.setAttribute("role", "alert");
    error.textContent = (doc.body.textContent || "").trim() || String(e.detail.xhr.status);
    elt.insertAdjacentElement("afterend", error);
  });

  /* Posting a comment redraws the comments: carry the translations the reader opened over. */
  var carried = null;
  document.addEventListener("htmx:beforeSwap", function (e) {
    if (!e.detail.target || e.detail.target.id !== "comments" || !e.detail.shouldSwap) return;
    carried = {};
    translatedComments(e.detail.target).forEach(function (el) {
      carried[el.dataset.commentTranslation] = el.querySelector(".comment-translation-text");
    });
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    if (!carried || !e.detail.target || !document.getElementById("comments")) return;
    Object.keys(carried).forEach(function (pk) {
      var slot = document.getElementById("comment-translation-" + pk);
      // The old nodes move over as they are (already wired up by htmx): nothing is re-parsed.
      if (slot && !slot.querySelector("[data-translation]")) slot.replaceWith(carried[pk]);
    });
    carried = null;
    refreshBars();
  });

  document.addEventListener("htmx:afterSettle", function (e) {
    // Only the note's own translation arriving switches the view (not Pinyin over the original).
    var arrived = e.target.matches && e.target.matches("#note-translation[data-translation]");
    var t = arrived ? e.target.closest("[data-note-text]") : null;
    if (t && t.querySelector(".translation-text")) setMode(t, "translated");
    refreshBars();
  });
  document.addEventListener("htmx:oobAfterSwap", function () { setTimeout(refreshBars, 0); });
  document.addEventListener("DOMContentLoaded", refreshBars);
})();

/* The avatar's account menu: a click elsewhere or Escape closes it. */
document.addEventListener("click", function (e) {
  document.querySelectorAll("details.me-menu[open]").forEach(function (menu) {
    if (!menu.contains(e.target)) menu.removeAttribute("open");
  });
});
document.addEventListener("keydown", function (e) {
  if (e.key !== "Escape") return;
  document.querySelectorAll("details.me-menu[open]").forEach(function (menu) {
    menu.removeAttribute("open");
    menu.querySelector("summary").focus();
  });
});

/* Review queue: images blurred until clicked; one key per decision. */
document.addEventListener("click", function (e) {
  var b = e.target.closest("[data-unblur]");
  if (b) b.classList.remove("blurred");
});
document.addEventListener("keydown", function (e) {
  var form = document.querySelector("[data-decide-form]");
  if (!form || e.ctrlKey || e.metaKey || e.altKey) return;
  if (/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) return;
  var button = form.querySelector('[data-key="' + e.key + '"]');
  if (button) { e.preventDefault(); button.click(); }
});
